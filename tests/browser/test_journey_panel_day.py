"""Journey: the panel day (答辩会, 办法第五条 审核答辩; issue 24). The bureau calls the day and sets its agenda
(order, time, room or video link), records attendance and opens the first item; one expert declares a conflict
and is screened from that item only; three experts read the full file and score — the last one far from the
others and must justify it; the scores show once all have submitted; the head signs the minutes, which list
every member, the recusal and every score."""

import pytest

from review import panel_services
from review import services as review_services
from review.panel_minutes import minutes_number
from review.panel_models import AgendaItem, PanelDay, PanelDayStatus
from review.rules import StageKind
from review.tests.factories import accepted_application as orm_application
from review.tests.factories import full_marks_but
from tests.official_pdf import assert_official

from .journeys import (
    accepted_application,
    arrive,
    click_to,
    experts,
    fetch_pdf,
    field,
    flash,
    goto,
    menu,
    sign_in,
    sign_out,
    today,
)

pytestmark = pytest.mark.django_db(transaction=True)


def score(page, review_round, off: int = 0) -> None:
    """Full marks, `off` points taken from the first two criteria."""
    for code, maximum in review_round.criteria.items():
        page.locator(f"#id_{code}").fill(str(maximum))
    first = min(off, 15)
    page.locator("#id_basic_conditions").fill(str(15 - first))
    page.locator("#id_business_plan").fill(str(15 - (off - first)))
    page.get_by_label("评语").fill("答辩清楚，材料与答辩一致。")


def declare(page, *, conflict: bool) -> None:
    label = "本人与该申请企业存在利益冲突，申请回避" if conflict else "本人与该申请企业不存在利益冲突"
    page.get_by_label(label).check()
    click_to(page, "提交申报")
    assert "利益冲突申报已记录" in flash(page)


def test_a_panel_day_from_agenda_to_signed_minutes(page, enterprise_user, bureau_officer, bureau_head, signing_key):
    first_application = accepted_application(enterprise_user, bureau_officer)
    second_application = orm_application()
    review_round = review_services.create_round(name="2026年第二批", actor=bureau_officer, today=today())
    panel = experts(4)
    for member in panel:
        review_services.add_member(review_round, member, actor=bureau_officer, today=today())
    entries = [review_services.add_application(review_round, a, actor=bureau_officer, today=today())
               for a in (first_application, second_application)]
    for entry in entries:  # the material review before the day (第五条第2项); the defense is the day's
        review_services.record_stage(entry, stage=StageKind.MATERIAL_REVIEW, held_on=today(), place="市商务局",
                                     outcome="材料齐全", actor=bureau_officer, today=today())
    chair, recused, outlier = panel[0], panel[3], panel[2]

    # The bureau calls the day and sets the agenda.
    sign_in(page, bureau_officer)
    menu(page, "专家评审")
    click_to(page, review_round.name, role="link")
    page.locator("summary", has_text="召开答辩会").click()
    field(page, "会议名称").fill("第二批答辩会")
    field(page, "会议地点").fill("市商务局3楼会议室")
    page.get_by_label("评审组组长").select_option(label=chair.display_name)
    click_to(page, "创建答辩会")
    assert "答辩会已创建" in flash(page)
    for position, (entry, room, link) in enumerate(((entries[0], "3楼会议室", ""),
                                                    (entries[1], "", "https://meeting.example.cn/2026-2")), start=1):
        page.get_by_label("申请企业").select_option(value=str(entry.pk))
        field(page, "顺序").fill(str(position))
        field(page, "开始时间").fill(f"{8 + position:02d}:30")
        field(page, "会议室").fill(room)
        field(page, "视频会议链接").fill(link)
        click_to(page, "加入议程")
        assert "议程已更新" in flash(page)
    arrive(page, shot="journey-panel-day-agenda")
    click_to(page, "开始答辩会")  # every member present (the boxes start ticked)
    assert "答辩会开始" in flash(page)
    day = PanelDay.objects.get(round=review_round)
    first_item, second_item = AgendaItem.objects.filter(day=day).order_by("position")
    click_to(page, "开始答辩")
    assert "本项答辩已开始" in flash(page)
    goto(page, f"/review/panel-items/{first_item.pk}/")
    page.get_by_label("评审小组决定").select_option(label="不进行实地考察")
    click_to(page, "记录决定")
    assert "已记录是否实地考察的决定" in flash(page)
    sign_out(page)

    # One expert declares a conflict: screened from that item, not from the other.
    sign_in(page, recused)
    goto(page, f"/review/panel-days/{day.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name=first_application.company_name).click()
    arrive(page)
    declare(page, conflict=True)
    arrive(page, shot="journey-panel-day-recusal")
    assert "您已申报利益冲突，本项回避" in page.locator("main").inner_text()
    assert page.goto(f"/review/panel-items/{first_item.pk}/").status == 403
    assert page.goto(f"/review/panel-items/{second_item.pk}/").status == 200
    sign_out(page)

    # Three experts read the full file and score; the last far from the others justifies it.
    for n, (member, off) in enumerate(((panel[0], 0), (panel[1], 2), (outlier, 20))):
        sign_in(page, member)
        goto(page, f"/review/panel-items/{first_item.pk}/")
        declare(page, conflict=False)
        main = page.locator("main").inner_text()
        for section in ("资本与财务", "海外维修及零配件体系", "经营计划与出口目标", "出口目标", "申请材料"):  # the full file
            assert section in main, section
        if n == 0:
            arrive(page, shot="journey-panel-day-full-file")
        score(page, review_round, off)
        page.get_by_label("我确认提交后不可修改").check()
        click_to(page, "提交评分")
        if member is outlier:
            assert "请填写偏离说明" in page.locator("main").inner_text()
            arrive(page, shot="journey-panel-day-justification-needed")
            score(page, review_round, off)
            page.get_by_label("偏离说明").fill("企业海外网点为合作网点，答辩未能提供自有网点证明。")
            page.get_by_label("我确认提交后不可修改").check()
            click_to(page, "提交评分")
        assert "评分表已提交" in flash(page)
        main = page.locator("main").inner_text()
        if member is outlier:  # the last scorer: every score shows now
            assert all(m.display_name in main for m in panel[:3]) and "企业海外网点为合作网点" in main
            arrive(page, shot="journey-panel-day-scores-revealed")
        else:
            assert "方可查看各位专家的评分" in main
            assert outlier.display_name not in main
        if member is chair:
            goto(page, f"/review/panel-days/{day.pk}/")
            assert "用时过短提示" in page.locator("main").inner_text()
        sign_out(page)

    # The second item is heard the same way (arranged: not this journey's subject).
    for member in panel:
        review_services.declare_conflict(entries[1], conflict=False, actor=member, today=today())

    # The bureau closes the first item, runs the second, ends the day; the head signs the minutes.
    sign_in(page, bureau_officer)
    goto(page, f"/review/panel-days/{day.pk}/", shot="journey-panel-day-flags")
    assert "用时过短提示" in page.locator("main").inner_text()
    page.get_by_label("本项全部评分表已提交，我确认结束本项").check()
    click_to(page, "结束本项")
    assert "本项答辩评分已结束" in flash(page)
    click_to(page, "开始答辩")
    review_services.decide_site_visit(entries[1], required=False, actor=bureau_officer, today=today())
    second_item.refresh_from_db()
    for member in panel:
        panel_services.submit_item_sheet(second_item, points=full_marks_but(review_round, basic_conditions=12),
                                         comment="材料完整。", actor=member, today=today())
    goto(page, f"/review/panel-days/{day.pk}/")
    page.get_by_label("本项全部评分表已提交，我确认结束本项").check()
    click_to(page, "结束本项")
    page.get_by_label("议程全部结束，我确认结束答辩会").check()
    click_to(page, "结束答辩会")
    assert "会议纪要待签署" in flash(page)
    sign_out(page)

    sign_in(page, bureau_head)
    goto(page, f"/review/panel-days/{day.pk}/")
    page.get_by_label("我已核对会议纪要，确认签署；签署后答辩会记录锁定，不可修改").check()
    click_to(page, "签署会议纪要", shot="journey-panel-day-signed")
    assert "会议纪要已签署" in flash(page)
    day.refresh_from_db()
    assert day.status == PanelDayStatus.SIGNED
    pdf = fetch_pdf(page, f"/review/panel-days/{day.pk}/minutes.pdf")
    text = assert_official(pdf, "journey-panel-day-minutes", title="二手车出口试点企业评审答辩会会议纪要",
                           number=minutes_number(day), day=today(),
                           more=(recused.display_name, "企业海外网点为合作网点"))
    for member in panel:
        assert member.display_name in text
    for sheet in entries[0].sheets.all():
        assert str(sheet.total) in text

    # The chair's agenda and item pages fit a 390 px phone.
    sign_out(page)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, chair)
    for path, shot in ((f"/review/panel-days/{day.pk}/", "mobile-panel-day-agenda"),
                       (f"/review/panel-items/{first_item.pk}/", "mobile-panel-day-item")):
        goto(page, path, shot=shot)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


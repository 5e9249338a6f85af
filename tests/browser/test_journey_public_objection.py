"""Issue 20 point 8, in the browser: anyone reads the 公示 as an official notice, objects, is given a
GS number and follows the objection by it, without any of the objector's details shown."""

from datetime import date, timedelta

from review import services
from review.models import Objection, Publicity
from review.tests.test_publicity import closed_round

from .journeys import arrive, click_to, goto, today


def test_anyone_objects_to_the_publicity_and_follows_the_objection_by_its_number(page, bureau_officer,
                                                                                 bureau_head):
    review_round, entries = closed_round(bureau_officer)
    services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                               actor=bureau_officer, today=date(2026, 9, 25))
    publicity = services.approve_publicity(review_round, actor=bureau_head, today=date(2026, 9, 25))
    Publicity.objects.filter(pk=publicity.pk).update(starts_on=today() - timedelta(days=1),
                                                     ends_on=today() + timedelta(days=6))

    goto(page, "/review/publicity/", shot="journey-public-objection-01-notice")
    notice = page.locator("main").inner_text()
    assert "实名" in notice and "太原市商务局对外贸易科" in notice and "2026年9月25日" in notice
    click_to(page, "对公示提出异议", role="link")
    page.get_by_label("针对的企业").select_option(str(entries[0].pk))
    page.get_by_label("异议内容").fill("该企业近两年有违规行为，附处罚决定书复印件。")
    page.get_by_label("真实姓名（或单位名称）").fill("张三")
    page.get_by_label("联系电话").fill("13800000000")
    click_to(page, "提交异议", shot="journey-public-objection-02-number")
    number = Objection.objects.get().number
    assert number.startswith(f"GS{today().year}")
    main = page.locator("main").inner_text()
    assert number in main and "已受理" in main and "张三" not in main and "13800000000" not in main
    page.goto(f"/review/publicity/objections/?number={number}")
    arrive(page)
    assert "已受理" in page.locator("main").inner_text()

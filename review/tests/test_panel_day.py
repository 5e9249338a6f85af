"""The panel day (答辩会, 办法第五条 审核答辩; issue 24): agenda, recusal, quorum per item, blind scores until every
scorer submitted, the justification of a far total, the too-fast flag, and the minutes signed and locked."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from portal.errors import RuleRefused
from portal.models import Notification
from portal.policy import first_version_values
from review import panel_selectors, panel_services, selectors, services
from review.panel_minutes import minutes_number
from review.panel_models import AgendaItem, AgendaItemStatus, PanelDay, PanelDayStatus, SheetNote
from review.rules import panel_minimum_reading_seconds
from tests.official_pdf import assert_official, page_sizes

from .factories import TODAY, full_marks_but, round_with

pytestmark = pytest.mark.django_db


def panel_day(officer, *, applications=2, members=4, quorum=3, present=None, chair=True):
    """A round with its stages held, a panel day with every application on the agenda, the session started."""
    review_round, panel, entries = round_with(officer, applications=applications, members=members, quorum=quorum,
                                              declare=False)
    day = panel_services.create_day(review_round, title="第一场答辩会", held_on=TODAY, place="市商务局3楼会议室",
                                    chair=panel[0] if chair else None, actor=officer, today=TODAY)
    items = [panel_services.set_agenda_item(day, entry=entry, position=n, starts_at=time(9 + n), room="3楼会议室",
                                            actor=officer, today=TODAY)
             for n, entry in enumerate(entries, start=1)]
    panel_services.start_session(day, present=panel if present is None else present, actor=officer, today=TODAY)
    return day, panel, items


def declare_all(item, panel, conflicted=()):
    for member in panel:
        services.declare_conflict(item.entry, conflict=member in conflicted, statement="曾任该企业顾问"
                                  if member in conflicted else "", actor=member, today=TODAY)


def opened(item, officer, minutes_ago=30):
    from django.utils import timezone

    return panel_services.open_item(item, actor=officer, today=TODAY,
                                    now=timezone.now() - timedelta(minutes=minutes_ago))


def score(item, member, off=0, justification="", now=None):
    """Full marks but `off` points taken from the first two criteria (at most 15 each)."""
    first = min(off, 15)
    points = full_marks_but(item.entry.round, basic_conditions=15 - first, business_plan=15 - (off - first))
    return panel_services.submit_item_sheet(item, points=points, comment="答辩清楚，材料完整。",
                                            justification=justification, actor=member, today=TODAY, now=now)


def run_through(day, items, panel, officer):
    """Every member declares no conflict and scores every item; the items and the session close."""
    for item in items:
        if not item.entry.declarations.exists():
            declare_all(item, panel)
        opened(item, officer)
        for member in panel:
            score(item, member, off=item.position)
        panel_services.close_item(item, actor=officer, today=TODAY)
    return panel_services.close_session(day, actor=officer, today=TODAY)


def test_article5_a_conflicted_expert_gets_403_on_that_item_only_and_the_minutes_list_the_recusal(
        client, bureau_officer, bureau_head, signing_key):
    """第五条: a member who declared a conflict is screened from that item's materials and sheet, nothing else."""
    day, panel, (first, second) = panel_day(bureau_officer)
    recused = panel[3]
    declare_all(first, panel, conflicted=(recused,))
    declare_all(second, panel)
    opened(first, bureau_officer)

    client.force_login(recused)
    assert client.get(reverse("review:panel-item", args=[first.pk])).status_code == 403
    assert client.post(reverse("review:panel-item", args=[first.pk]), {"submit": "1"}).status_code == 403
    with pytest.raises(PermissionDenied):
        score(first, recused)
    agenda = client.get(reverse("review:panel-day", args=[day.pk]))
    assert agenda.status_code == 200
    assert "您已申报利益冲突，本项回避" in agenda.content.decode()
    assert reverse("review:panel-item", args=[first.pk]) not in agenda.content.decode()
    assert client.get(reverse("review:panel-item", args=[second.pk])).status_code == 200  # the other item

    for member in panel[:3]:  # the three others score; the recused member is not awaited
        score(first, member)
    panel_services.close_item(first, actor=bureau_officer, today=TODAY)
    opened(second, bureau_officer)
    for member in panel:
        score(second, member)
    panel_services.close_item(second, actor=bureau_officer, today=TODAY)
    panel_services.close_session(day, actor=bureau_officer, today=TODAY)
    day = panel_services.sign_minutes(day, actor=bureau_head, today=TODAY)
    text = assert_official(bytes(day.minutes_pdf), "panel-day-minutes-recusal", title="评审答辩会会议纪要",
                           number=minutes_number(day), day=TODAY)
    assert "回避情况" in text and f"{recused.display_name}{first.entry.application.company_name}" in text


def test_article5_a_far_outlier_cannot_submit_without_a_justification(bureau_officer):
    """第五条第4项: a total further than the set distance (15) from the median of the others' submitted totals is
    refused without a justification (400 naming the field), accepted with one, and the justification is kept."""
    day, panel, (item, _second) = panel_day(bureau_officer)
    declare_all(item, panel)
    opened(item, bureau_officer)
    score(item, panel[0])  # 100
    score(item, panel[1], off=2)  # 98
    score(item, panel[2], off=15)  # 85: 14 from the median 99 of the others — no justification needed
    with pytest.raises(ValidationError) as refused:
        score(item, panel[3], off=20)  # 80: 18 from the median 98 of 100, 98, 85
    assert "justification" in refused.value.message_dict
    assert not item.entry.sheets.filter(member=panel[3], status="submitted").exists()
    score(item, panel[3], off=20, justification="答辩中海外网点数据与材料不一致，已当场核实。")
    note = SheetNote.objects.get(item=item, member=panel[3])
    assert note.justification.startswith("答辩中海外网点") and str(note.median_of_others) == "98.00"
    assert SheetNote.objects.get(item=item, member=panel[2]).justification == ""


def test_article5_a_sheet_submitted_faster_than_the_minimum_reading_time_is_flagged_to_the_chair(
        client, bureau_officer):
    """第五条: a sheet submitted sooner than the minimum reading time after the item opened is flagged (not
    refused): on the chair's and the bureau's agenda page, and in the chair's inbox."""
    from django.utils import timezone

    day, panel, (item, _second) = panel_day(bureau_officer)
    declare_all(item, panel)
    item = opened(item, bureau_officer, minutes_ago=0)
    quick = item.opened_at + timedelta(seconds=panel_minimum_reading_seconds(first_version_values()) - 60)
    slow = item.opened_at + timedelta(seconds=panel_minimum_reading_seconds(first_version_values()) + 60)
    score(item, panel[1], now=quick)
    score(item, panel[2], now=slow)
    assert SheetNote.objects.get(member=panel[1]).too_fast is True
    assert SheetNote.objects.get(member=panel[2]).too_fast is False
    assert [f.member for f in panel_selectors.flags(day)] == [panel[1]]
    assert Notification.objects.filter(recipient=panel[0], code="review.panel_item.too_fast").count() == 1
    for viewer, sees in ((panel[0], True), (bureau_officer, True), (panel[2], False)):
        client.force_login(viewer)
        page = client.get(reverse("review:panel-day", args=[day.pk])).content.decode()
        assert (f"{panel[1].display_name}：" in page and "用时过短提示" in page) is sees, viewer
    assert timezone.now() >= item.opened_at


def test_article5_scores_stay_hidden_until_every_non_conflicted_member_has_submitted(client, bureau_officer):
    """第五条 (blind scoring): a member who submitted sees no other score until every present member without a
    conflict has submitted — on the panel page and on the application's review page alike."""
    day, panel, (item, _second) = panel_day(bureau_officer)
    declare_all(item, panel, conflicted=(panel[3],))
    opened(item, bureau_officer)
    score(item, panel[0])
    score(item, panel[1], off=3)
    client.force_login(panel[0])
    page = client.get(reverse("review:panel-item", args=[item.pk])).content.decode()
    assert "方可查看各位专家的评分" in page and panel[1].display_name not in page
    assert [s.member for s in selectors.visible_sheets(item.entry, panel[0])] == [panel[0]]
    assert not panel_selectors.scores_revealed(item)
    score(item, panel[2], off=5)  # the last scorer: the recused member is not awaited
    assert panel_selectors.scores_revealed(item)
    page = client.get(reverse("review:panel-item", args=[item.pk])).content.decode()
    assert all(m.display_name in page for m in panel[:3]) and "各位专家评分" in page
    assert len(selectors.visible_sheets(item.entry, panel[0])) == 3


def test_article5_quorum_is_checked_per_item(bureau_officer):
    """第五条第4项: an item opens only with `quorum` members present and not recused, and closes only with every
    one of them submitted (and at least `quorum` sheets)."""
    day, panel, (short, full) = panel_day(bureau_officer, members=4, quorum=3, present=None)
    declare_all(short, panel, conflicted=(panel[2], panel[3]))  # two recused: two left, quorum 3
    with pytest.raises(RuleRefused) as refused:
        opened(short, bureau_officer)
    assert refused.value.as_dict()["reasons"][0]["code"] == "below_quorum"
    declare_all(full, panel, conflicted=(panel[3],))
    opened(full, bureau_officer)  # the other item is heard
    score(full, panel[0])
    score(full, panel[1])
    with pytest.raises(RuleRefused) as refused:
        panel_services.close_item(full, actor=bureau_officer, today=TODAY)
    assert refused.value.as_dict()["reasons"][0]["code"] == "sheets_outstanding"
    score(full, panel[2])
    assert panel_services.close_item(full, actor=bureau_officer, today=TODAY).status == AgendaItemStatus.CLOSED


def test_article5_an_application_on_the_agenda_is_scored_at_the_day_not_from_its_page(bureau_officer):
    """第五条: the sheet of an agenda item carries its timing and justification; the application's own page
    refuses the submission (409 scored_at_panel_day)."""
    day, panel, (item, _second) = panel_day(bureau_officer)
    declare_all(item, panel)
    with pytest.raises(RuleRefused) as refused:
        services.save_sheet(item.entry, points=full_marks_but(item.entry.round), submit=True, actor=panel[0],
                            today=TODAY)
    assert refused.value.as_dict()["reasons"][0]["code"] == "scored_at_panel_day"


def test_article5_the_agenda_needs_a_room_or_a_video_link_and_a_free_position(bureau_officer):
    """第五条: each agenda item has its order, start time and a room or video link (400 naming the field)."""
    review_round, panel, entries = round_with(bureau_officer, applications=2, declare=False)
    day = panel_services.create_day(review_round, title="答辩会", held_on=TODAY, place="会议室", actor=bureau_officer,
                                    today=TODAY)
    with pytest.raises(ValidationError) as refused:
        panel_services.set_agenda_item(day, entry=entries[0], position=1, starts_at=time(9), actor=bureau_officer,
                                       today=TODAY)
    assert "room" in refused.value.message_dict
    panel_services.set_agenda_item(day, entry=entries[0], position=1, starts_at=time(9),
                                   video_link="https://meeting.example.cn/123", actor=bureau_officer, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        panel_services.set_agenda_item(day, entry=entries[1], position=1, starts_at=time(10), room="A",
                                       actor=bureau_officer, today=TODAY)
    assert "position" in refused.value.message_dict
    moved = panel_services.set_agenda_item(day, entry=entries[0], position=2, starts_at=time(10), room="B",
                                           actor=bureau_officer, today=TODAY)
    assert (moved.position, moved.room) == (2, "B") and day.items.count() == 1
    other_day = panel_services.create_day(review_round, title="第二场", held_on=TODAY, place="会议室",
                                          actor=bureau_officer, today=TODAY)
    with pytest.raises(ValidationError) as refused:  # an application defends once
        panel_services.set_agenda_item(other_day, entry=entries[0], position=1, starts_at=time(9), room="A",
                                       actor=bureau_officer, today=TODAY)
    assert "entry" in refused.value.message_dict


def test_article5_the_minutes_pdf_lists_every_member_and_score_in_landscape(bureau_officer, bureau_head,
                                                                            signing_key):
    """第五条: the minutes are an official document — attendance, each item's score table with mean and spread,
    a signature line per member — and their text read back names every member and every total."""
    day, panel, items = panel_day(bureau_officer, present=None)
    day = run_through(day, items, panel, bureau_officer)
    day = panel_services.sign_minutes(day, actor=bureau_head, today=TODAY)
    pdf = bytes(day.minutes_pdf)
    text = assert_official(pdf, "panel-day-minutes", title="二手车出口试点企业评审答辩会会议纪要",
                           number=minutes_number(day), day=TODAY,
                           more=("出席情况", "回避情况", "各项目评分", "签字"))
    assert all(width > height for width, height in page_sizes(pdf)), "the minutes are landscape A4"
    for member in panel:
        assert member.display_name in text
    for item in items:
        assert item.entry.application.company_name in text
        assert f"平均分：{100 - item.position}.00" in text
        for sheet in item.entry.sheets.all():
            assert str(sheet.total) in text
    from casework import signing

    assert signing.verify_pdf(pdf).valid


def test_article5_the_minutes_are_locked_once_signed(bureau_officer, bureau_head, signing_key):
    """第五条: once signed, the database refuses any change to the day, its agenda, attendance and sheet notes."""
    day, panel, items = panel_day(bureau_officer, applications=1)
    day = run_through(day, items, panel, bureau_officer)
    day = panel_services.sign_minutes(day, actor=bureau_head, today=TODAY)
    assert day.status == PanelDayStatus.SIGNED
    for sql in ("UPDATE review_panelday SET place = 'x' WHERE id = %s",
                "UPDATE review_agendaitem SET room = 'x' WHERE day_id = %s",
                "DELETE FROM review_attendance WHERE day_id = %s",
                "UPDATE review_sheetnote SET justification = 'x' WHERE item_id IN "
                "(SELECT id FROM review_agendaitem WHERE day_id = %s)"):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [day.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        PanelDay.objects.filter(pk=day.pk).update(title="改过的")
    with pytest.raises(RuleRefused):
        panel_services.sign_minutes(day, actor=bureau_head, today=TODAY)


def test_the_panel_pages_are_query_bounded(client, bureau_officer, django_assert_max_num_queries):
    """The agenda page and the round's list of panel days do not grow in queries with the agenda."""
    day, panel, items = panel_day(bureau_officer, applications=8)
    for item in items:
        declare_all(item, panel)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("review:panel-day", args=[day.pk])).status_code == 200
    client.force_login(panel[1])
    with django_assert_max_num_queries(40):
        assert client.get(reverse("review:panel-day", args=[day.pk])).status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(reverse("review:round-detail", args=[day.round_id])).status_code == 200
    assert AgendaItem.objects.filter(day=day).count() == 8

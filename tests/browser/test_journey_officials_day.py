"""Journey 17 (issue 13 "done when"; 实施方案三(二), 办法第五条 补正): a bureau officer works a day from the
queue — takes a licence request, asks the enterprise for information (补正) and sees the service-time clock
stand still and its due date move by the paused working days, prepares the decision — and the bureau head
authorises it. Then the clock, the signed decision letter and the public verification agree on the dates
and the status.

The live server judges every act as on the real day; the enterprise answers a few working days after the
request, so the journey moves the server's clock (the outside world) forward between those two visits.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from casework import signing
from casework.clocks import sync_clocks
from casework.models import Clock, ClockKind, ClockStatus, Decision, DecisionStatus
from casework.rules import count_working_days, extended_due, letter_deadlines
from portal.official import chinese_date
from portal.pdf import pdf_text
from portal.workdays import WorkingCalendar, working_period
from traceability.models import Licence, LicenceStatus
from traceability.services import apply_for_licence

from .journeys import (
    arrive,
    click_to,
    fetch_pdf,
    field,
    flash,
    menu,
    pilot_vehicle,
    sign_in,
    sign_out,
    today,
    transferred_and_inspected,
)

pytestmark = pytest.mark.django_db(transaction=True)

ITEMS = "请补充该批车辆的购置合同扫描件"
ANSWER = "已上传购置合同扫描件（合同号 CG-2026-017）"
FACTS = "经审核，车辆已办理转移登记并经检测合格，补正材料齐全。"


@pytest.fixture
def signing_key(settings, tmp_path):
    """Letters are signed with a test key and certificate, as production names them in settings."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    signing.make_demo_credentials(key, cert, authority=settings.PORTAL["ISSUING_AUTHORITY"])
    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT = str(key), str(cert)


def move_server_clock(monkeypatch, days: int) -> None:
    """From now on the portal (live server and test alike) lives `days` days later."""
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=days))


def queue_row(page, text: str):
    return page.locator("tbody tr", has_text=text)


def open_link(page, name: str, shot: str | None = None) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).first.click()
    arrive(page, shot)


def clock_row(page):
    return page.locator("tbody tr", has_text="许可证签发时限")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_an_officer_works_a_licence_request_from_the_queue_and_the_clock_the_letter_and_the_public_status_agree(
        page, monkeypatch, signing_key, pilot_user, police_officer, inspector, bureau_officer, bureau_head):
    vehicle = transferred_and_inspected(pilot_vehicle(pilot_user), police_officer, inspector)
    licence = apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today())
    sync_clocks(today())  # the clock job starts the bureau's service time for the request
    clock = Clock.objects.get(kind=ClockKind.LICENCE_ISSUE, subject_id=str(licence.pk))
    asked_on, base_due = today(), clock.base_due_on
    reference = f"#{licence.pk}"

    # --- the officer takes the request from the queue -------------------------------------------------
    sign_in(page, bureau_officer)
    menu(page, "待办", shot="journey-17-officer-queue")
    row = queue_row(page, reference)
    assert "出口许可证" in row.inner_text() and f"{base_due:%Y-%m-%d}" in row.inner_text()
    row.get_by_role("checkbox").check()
    click_to(page, "由我承办")
    assert "已指派 1 件" in flash(page)
    page.locator('select[name="assigned"]').select_option("me")
    click_to(page, "筛选", shot="journey-17-assigned-to-me")
    officer_name = bureau_officer.get_full_name() or bureau_officer.username
    assert officer_name in queue_row(page, reference).inner_text()

    # --- asks for information: the clock stands still --------------------------------------------------
    open_link(page, reference, shot="journey-17-case")
    assert f"{base_due:%Y-%m-%d}" in clock_row(page).inner_text() and "计时中" in clock_row(page).inner_text()
    deadline = working_period(asked_on, 10).ends_on
    field(page, "补正事项").fill(ITEMS)
    field(page, "补正期限").fill(deadline.isoformat())
    click_to(page, "发出补正通知", shot="journey-17-information-requested")
    assert "已发出补正通知，期限已暂停" in flash(page)
    assert "暂停（补正中）" in clock_row(page).inner_text()
    assert page.get_by_role("button", name="发出补正通知").count() == 0  # one 补正 at a time
    open_link(page, "许可证签发时限", shot="journey-17-clock-paused")
    pauses = page.locator("main").inner_text()
    assert f"{asked_on:%Y-%m-%d} – …" in pauses and "补正通知" in pauses
    sign_out(page)

    # --- some working days later the enterprise answers the 补正 -------------------------------------------
    answered_on = working_period(asked_on + timedelta(days=1), 3).ends_on
    move_server_clock(monkeypatch, (answered_on - asked_on).days)
    assert today() == answered_on
    sign_in(page, pilot_user)
    menu(page, "待办", shot="journey-17-enterprise-queue")
    with page.expect_navigation():
        queue_row(page, ITEMS[:20]).get_by_role("link", name="办理").click()
    arrive(page)
    field(page, "补正说明").fill(ANSWER)
    click_to(page, "提交补正")
    assert "已提交补正" in flash(page)
    sign_out(page)

    # The due date moves by exactly the working days the clock stood still.
    calendar = WorkingCalendar.load(asked_on.year, answered_on.year + 1)
    paused = count_working_days(asked_on, answered_on, calendar)
    expected_due, _extension = extended_due(base_due, paused)
    assert paused >= 2 and expected_due > base_due

    # --- back at the queue, the officer prepares the decision ---------------------------------------------
    sign_in(page, bureau_officer)
    menu(page, "待办")
    row = queue_row(page, reference).inner_text()
    assert f"{expected_due:%Y-%m-%d}" in row and officer_name in row
    open_link(page, reference)
    line = clock_row(page).inner_text()
    assert all(f"{d:%Y-%m-%d}" in line for d in (asked_on, base_due, expected_due)) and "计时中" in line
    assert f"{paused} 个工作日" in line
    assert ANSWER in page.locator("main").inner_text()
    open_link(page, "许可证签发时限", shot="journey-17-clock-moved")
    assert f"补正期间暂停 {paused} 个工作日，截止日期顺延至 {expected_due:%Y-%m-%d}" in page.locator("main").inner_text()
    page.go_back()
    arrive(page)
    field(page, "决定类别").select_option(label="准予签发出口许可证决定书")
    field(page, "事实与理由").fill(FACTS)
    click_to(page, "拟办决定，提交负责人签发", shot="journey-17-decision-prepared")
    assert "决定已拟办，待负责人签发" in flash(page)
    decision = Decision.objects.get(case_kind="licence", object_id=licence.pk)
    assert decision.status == DecisionStatus.PREPARED and decision.prepared_by == bureau_officer
    assert page.get_by_role("button", name="签发决定").count() == 0  # the maker does not authorise
    sign_out(page)

    # --- the head authorises it from the head's own queue ----------------------------------------------
    sign_in(page, bureau_head)
    menu(page, "待办", shot="journey-17-head-queue")
    assert pilot_user.organisation.name in queue_row(page, "待签发决定").inner_text()
    open_link(page, "准予签发出口许可证决定书", shot="journey-17-decision-to-authorise")
    click_to(page, "签发决定", shot="journey-17-decision-authorised")
    assert "决定已签发" in flash(page)
    decision.refresh_from_db()
    licence.refresh_from_db()
    letter = decision.letter
    assert decision.status == DecisionStatus.AUTHORISED and decision.authorised_by == bureau_head
    assert licence.status == LicenceStatus.ISSUED and licence.issued_on == answered_on
    facts = page.locator("main").inner_text()
    assert letter.number in facts
    reconsideration_until, litigation_until = letter_deadlines(answered_on)
    assert (letter.issued_on, letter.reconsideration_until, letter.litigation_until) == (
        answered_on, reconsideration_until, litigation_until)

    # The signed letter: it verifies, and states the article, the licence and the dates.
    pdf = fetch_pdf(page, page.get_by_role("link", name="下载已签章的决定文书（PDF）").get_attribute("href"))
    check = signing.verify_pdf(pdf)
    assert check.valid, check.message
    text = compact(pdf_text(pdf))
    for expected in (letter.number, decision.article, licence.number, f"{licence.valid_until:%Y-%m-%d}",
                     chinese_date(answered_on)):  # the 成文日期 as GB/T 9704 writes it
        assert compact(expected) in text, expected
    for absent in ("听证", "行政复议", "行政诉讼"):  # domain-rules v1.1: a favourable decision has no rights paragraph
        assert absent not in text, absent

    # The clock: stopped on the day the decision was made, within its (moved) due date.
    explained = page.request.get(f"/api/v1/clocks/{clock.pk}/").json()
    assert explained["status"] == ClockStatus.STOPPED and explained["stopped_on"] == f"{answered_on:%Y-%m-%d}"
    assert explained["due_on"] == f"{expected_due:%Y-%m-%d}" and explained["base_due_on"] == f"{base_due:%Y-%m-%d}"
    assert explained["paused_working_days"] == paused and [p["working_days"] for p in explained["pauses"]] == [paused]
    assert explained["article"] == "实施方案三(二)" and answered_on <= expected_due
    page.goto(f"/casework/clocks/{clock.pk}/")
    arrive(page, shot="journey-17-clock-stopped")
    main = page.locator("main").inner_text()
    assert "已办结" in main and f"{answered_on:%Y-%m-%d}" in main
    sign_out(page)

    # --- the public (no login) sees the licence issued with the letter's dates ----------------------------
    page.goto("/verify/")
    arrive(page)
    field(page, "许可证号或车辆识别代号（VIN）").fill(licence.number)
    click_to(page, "查验")
    code = Licence.objects.get(pk=licence.pk).check_code  # printed on the licence (api.md v1.1)
    field(page, "查验码").fill(code)
    click_to(page, "查验", shot="journey-17-public-verification")
    main = page.locator("main").inner_text()
    assert licence.number in main and "已签发" in main and pilot_user.organisation.name in main
    assert f"{letter.issued_on:%Y-%m-%d}" in main and f"{licence.valid_until:%Y-%m-%d}" in main
    assert page.get_by_role("link", name="登录").is_visible()  # nobody is signed in
    public = page.request.get(f"/api/v1/public/licences/{licence.number}/?code={code}").json()
    assert public["status"] == "issued" and public["issued_on"] == f"{letter.issued_on:%Y-%m-%d}"
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.ISSUED

"""Steps shared by the browser journeys: arrive on a page (axe + optional screenshot), sign in and out,
read flash messages, fetch a PDF with the browser's session, and the preconditions that are not the
journey's own subject (arranged with the apps' services, as their own tests do)."""

import re
import time
from datetime import date

from django.utils import timezone

from applications import services as application_services
from applications.tests.helpers import minimal_pdf, submitted_for
from portal.models import Notification
from portal.roles import Role
from tests.factories import make_user
from traceability import services as trace_services
from traceability.tests.helpers import new_vin, register

from .codes import assert_no_raw_codes
from .conftest import assert_accessible, login, screenshot

PASSWORD = "Correct-Horse-2026"  # tests.factories.UserFactory


def today() -> date:
    """The live server judges every act as on the real day (views call timezone.localdate())."""
    return timezone.localdate()


def arrive(page, shot: str | None = None) -> None:
    """Every page a journey visits: loaded, axe-clean (serious/critical), and optionally photographed."""
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert_no_raw_codes(page)  # issue 20: words, never codes
    if shot:
        screenshot(page, shot)


def goto(page, url: str, shot: str | None = None) -> None:
    page.goto(url)
    arrive(page, shot)


def sign_in(page, user, shot: str | None = None) -> None:
    login(page, user.username, PASSWORD, check=True)
    assert page.url.endswith("/home/"), page.url
    arrive(page, shot)


def sign_out(page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state("load")


def click_to(page, name: str, *, role: str = "button", shot: str | None = None) -> None:
    """Click a button or link by its accessible name and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    arrive(page, shot)


def field(page, label: str):
    """The control labelled exactly `label` (a required field's label ends in an asterisk)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))


def menu(page, name: str, shot: str | None = None) -> None:
    """Follow a link of the main menu."""
    with page.expect_navigation():
        page.get_by_role("navigation", name="主菜单").get_by_role("link", name=name, exact=True).click()
    arrive(page, shot)


def flash(page) -> str:
    """The flash messages of the page, as the user reads them."""
    boxes = page.locator(".messages")
    return " ".join(boxes.all_inner_texts())


def fetch_pdf(page, url: str) -> bytes:
    """Download a PDF with the browser's own session cookie (what a click on the link would save)."""
    response = page.request.get(url)
    assert response.ok, (url, response.status)
    assert response.headers["content-type"].startswith("application/pdf")
    return response.body()


def wait_for_emails(users, *, timeout: float = 30) -> list[Notification]:
    """The worker marks a notification e-mailed; poll until every user's latest one is."""
    deadline = time.monotonic() + timeout
    while True:
        notes = [Notification.objects.filter(recipient=u).order_by("-pk").first() for u in users]
        if all(n is not None and n.emailed_at for n in notes):
            return notes
        assert time.monotonic() < deadline, f"worker did not e-mail: {notes}"
        time.sleep(0.3)


def write_pdf(tmp_path, name: str = "经营计划书.pdf"):
    path = tmp_path / name
    path.write_bytes(minimal_pdf())
    return path


# --- preconditions ------------------------------------------------------------------------------
def accepted_application(enterprise_user, officer):
    """An application submitted by the enterprise and accepted by the bureau."""
    application = submitted_for(enterprise_user, today=today())
    return application_services.accept_application(application, actor=officer, today=today())


def experts(n: int = 3):
    return [make_user(Role.EXPERT, first_name=f"专家{i + 1}") for i in range(n)]


def pilot_vehicle(pilot_user, **fields):
    """A vehicle in the pilot enterprise's file (registered with the service)."""
    return register(pilot_user, today=today(), **{"vin": new_vin(), **fields})


def append(vehicle, event_type: str, data: dict, actor, on: date | None = None):
    return trace_services.append_event(vehicle, event_type, data, actor=actor, occurred_on=on or today(),
                                       today=today())


def transferred_and_inspected(vehicle, police, inspector, on: date | None = None):
    append(vehicle, "transfer_registration", {"certificate_number": "晋A-ZY-0001"}, police, on)
    append(vehicle, "inspection", {
        "report_number": "JC-2026-0001", "conclusion": "pass", "mileage_km": vehicle.mileage_km,
        "qualification_number": inspector.organisation.certificate_number,
    }, inspector, on)
    vehicle.refresh_from_db()
    return vehicle


def issued_licence(vehicle, enterprise_user, officer, head):
    """Applied for by the enterprise, prepared by an officer, issued by the head."""
    licence = trace_services.apply_for_licence([vehicle.vin], "KZ", actor=enterprise_user, today=today())
    licence = trace_services.issue_licence(licence, actor=officer, today=today())
    return trace_services.issue_licence(licence, actor=head, today=today())


def cleared(vehicle, customs, on: date | None = None):
    data = {"declaration_number": declaration_number(), "port": "太原海关"}
    append(vehicle, "customs_declaration", data, customs, on)
    append(vehicle, "customs_clearance", data, customs, on)
    vehicle.refresh_from_db()
    return vehicle


_declarations = iter(range(1, 10**6))


def declaration_number() -> str:
    """报关单号: customs office (4), year (4), 0 for an export declaration, sequence (9)."""
    return f"0501{today().year}0{next(_declarations):09d}"


def scored_round(officer, *, name: str = "2026年第一批"):
    """A review round whose one application has three submitted sheets (scoring still open)."""
    from review.tests.factories import full_marks_but, round_with, submit

    review_round, panel, (entry,) = round_with(officer)
    review_round.name = name
    review_round.save(update_fields=["name"])
    for member, points in zip(panel, (14, 12, 13), strict=True):
        submit(entry, member, full_marks_but(review_round, basic_conditions=points))
    return review_round, entry


def published_round(officer, head, *, days_ago: int = 30):
    """A scored round whose 公示 was proposed, approved and ran its 5 working days in the past."""
    from datetime import timedelta

    from review import services as review_services

    review_round, entry = scored_round(officer)
    then = today() - timedelta(days=days_ago)
    review_services.close_scoring(review_round, actor=officer, today=then)
    review_services.propose_publicity(review_round, entry_ids=[entry.pk], starts_on=then, working_days=5,
                                      actor=officer, today=then)
    review_services.approve_publicity(review_round, actor=head, today=then)
    return review_round, entry


def find_vehicle(page, vin: str, shot: str | None = None) -> None:
    """From the main menu: search the file list for a VIN and open the vehicle's file."""
    menu(page, "一车一档")
    page.get_by_label("VIN、号牌或品牌").fill(vin)
    click_to(page, "筛选")
    with page.expect_navigation():
        page.get_by_role("link", name=vin).click()
    arrive(page, shot)


def record_event(page, label: str, fields: dict, *, on: date | None = None, files=(), shot: str | None = None):
    """On a vehicle's page: 新增记录, choose the type, fill the fields (label → value), save."""
    click_to(page, "新增记录", role="link")
    page.get_by_label("记录类型").select_option(label=label)
    click_to(page, "选择")
    fill_event_form(page, fields, on=on, files=files, shot=shot)


def fill_event_form(page, fields: dict, *, on: date | None = None, files=(), shot: str | None = None):
    field(page, "发生日期").fill((on or today()).isoformat())
    for field_label, value in fields.items():
        target = field(page, field_label)
        if target.evaluate("e => e.tagName") == "SELECT":
            target.select_option(label=value)
        elif value is True:
            target.check()
        else:
            target.fill(str(value))
    if files:
        page.get_by_label("附件（PDF、JPEG 或 PNG）").set_input_files([str(f) for f in files])
    click_to(page, "保存记录", shot=shot)


def licensed_vehicle(pilot_user, police, inspector, officer, head):
    """A vehicle transferred, inspected and named on an issued licence: ready for customs."""
    vehicle = transferred_and_inspected(pilot_vehicle(pilot_user), police, inspector)
    return vehicle, issued_licence(vehicle, pilot_user, officer, head)

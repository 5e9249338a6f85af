"""Issue 20 point 7: the logged-in pages are usable on a 390 px phone. Every role signs in on a 390×844
screen and visits its main pages (home, every link of its main menu, and the detail pages of its work: the
vehicle file, a licence, an application, a review round, a complaint); on each, nothing makes the page wider
than the screen (wide tables scroll inside their own box or turn into cards), the page passes axe, and a
screenshot is kept as test-artifacts/screenshots/mobile-<role>-<page>.png."""

import pytest
from django.urls import reverse

from review.models import PanelMember
from supervision import services as supervision_services

from .journeys import (
    accepted_application,
    arrive,
    cleared,
    licensed_vehicle,
    scored_round,
    sign_in,
    sign_out,
    today,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def nav_links(page) -> list[tuple[str, str]]:
    """(label, path) of every link of the main menu, as the signed-in user sees it."""
    links = page.get_by_role("navigation", name="主菜单").get_by_role("link")
    return [(link.inner_text().strip(), link.get_attribute("href")) for link in links.all()]


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-") or "root"


def check_fits(page, role: str, name: str, path: str, wide: list) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, (role, path, response and response.status)
    arrive(page, shot=f"mobile-{role}-{name}")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        culprits = page.evaluate(
            """limit => [...document.querySelectorAll('main *, header *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' +
                                  Math.round(e.getBoundingClientRect().right))""", PHONE["width"])
        wide.append(f"{role} {name} {path}: {width}px {culprits}")


def test_every_role_s_main_pages_fit_a_390_px_phone(
        chromium, live_server, settings, pilot_user, police_officer, inspector, customs_officer, bureau_officer,
        bureau_head, auditor):
    settings.ALLOWED_HOSTS = ["*"]
    vehicle, licence = licensed_vehicle(pilot_user, police_officer, inspector, bureau_officer, bureau_head)
    vehicle = cleared(vehicle, customs_officer)
    application = accepted_application(pilot_user, bureau_officer)
    review_round, entry = scored_round(bureau_officer)
    expert = PanelMember.objects.filter(round=review_round).first().user
    complaint = supervision_services.lodge_complaint(
        enterprise=pilot_user.organisation.uscc, category="quality", description="车辆漏油，要求退换。",
        contact_name="张三丰", contact_phone="13812345678", today=today())

    vehicle_file = reverse("traceability:vehicle-detail", args=[vehicle.vin])
    licence_detail = reverse("traceability:licence-detail", args=[licence.pk])
    application_detail = reverse("applications:detail", args=[application.pk])
    round_detail = reverse("review:round-detail", args=[review_round.pk])
    entry_detail = reverse("review:entry-detail", args=[entry.pk])
    complaint_detail = reverse("supervision:complaint-detail", args=[complaint.pk])
    details = {  # the detail pages of each role's work, beside its main-menu pages
        "enterprise": (pilot_user, [("vehicle-file", vehicle_file), ("licence", licence_detail),
                                    ("application", application_detail)]),
        "officer": (bureau_officer, [("licence", licence_detail), ("application", application_detail),
                                     ("round", round_detail), ("entry", entry_detail),
                                     ("complaint", complaint_detail)]),
        "head": (bureau_head, [("licence", licence_detail), ("round", round_detail)]),
        "expert": (expert, [("round", round_detail), ("entry", entry_detail)]),
        "police": (police_officer, [("vehicle-file", vehicle_file)]),
        "customs": (customs_officer, [("vehicle-file", vehicle_file), ("licence", licence_detail)]),
        "inspector": (inspector, [("vehicle-file", vehicle_file)]),
        "auditor": (auditor, [("audit-log", reverse("audit-log"))]),
    }

    wide: list[str] = []
    for role, (user, pages) in details.items():
        context = chromium.new_context(locale="zh-CN", viewport=PHONE, base_url=live_server.url)
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            sign_in(page, user)
            check_fits(page, role, "home", "/home/", wide)
            # The auditor reaches the audit log only (portal.scope), whatever the menu offers.
            menu = [] if role == "auditor" else [(slug(h), h) for _label, h in nav_links(page) if h != "/home/"]
            for name, path in menu + pages:
                check_fits(page, role, name, path, wide)
            sign_out(page)
        finally:
            context.close()
    assert not wide, "\n".join(wide)

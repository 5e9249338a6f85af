"""Issue 20 point 7: the logged-in pages are usable on a 390 px phone and on a 1366 px desktop. Every role signs
in and visits its main pages — home, every link of its main menu, and the pages listed in PAGES below (the detail
pages of its work and every list with a table) — once on a 390×844 screen and once on 1366×768; on each, nothing
makes the document wider than the screen (list tables turn into cards, `.cards-on-phone` with a `data-label` on
each cell; a wide matrix scrolls inside its own `.table-scroll` box), the page passes axe and shows no raw code,
and a screenshot is kept as test-artifacts/screenshots/<viewport>-<role>-<page>.png.

When you add a page, add it to PAGES (role, name, path from the arranged `World`): the test then holds it to the
same widths."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from review import services as review_services
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

VIEWPORTS = {"mobile": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}


@dataclass
class World:
    """What the pages are about: one licensed and cleared vehicle, an accepted application, a closed review
    round and a complaint."""
    vehicle: object
    licence: object
    application: object
    review_round: object
    entry: object
    complaint: object


def _url(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


VIN = lambda w: w.vehicle.vin  # noqa: E731
LICENCE = lambda w: w.licence.pk  # noqa: E731
APPLICATION = lambda w: w.application.pk  # noqa: E731
ROUND = lambda w: w.review_round.pk  # noqa: E731
ENTRY = lambda w: w.entry.pk  # noqa: E731
COMPLAINT = lambda w: w.complaint.pk  # noqa: E731

# (role, page name, path) — the pages each role is held to beyond its home and its main menu. The lead adds the
# pages of new features here (announcements, inspections, meetings, incidents, panel day, policy versions).
PAGES = [
    ("enterprise", "vehicle-file", _url("traceability:vehicle-detail", VIN)),
    ("enterprise", "vehicles", _url("traceability:vehicle-list")),
    ("enterprise", "licences", _url("traceability:licence-list")),
    ("enterprise", "licence", _url("traceability:licence-detail", LICENCE)),
    ("enterprise", "applications", _url("applications:list")),
    ("enterprise", "application", _url("applications:detail", APPLICATION)),
    ("enterprise", "compliance", _url("compliance:dashboard")),
    ("enterprise", "networks", _url("compliance:network-list")),
    ("enterprise", "exit", _url("compliance:exit-list")),
    ("enterprise", "inbox", _url("inbox")),
    ("officer", "licences", _url("traceability:licence-list")),
    ("officer", "licence", _url("traceability:licence-detail", LICENCE)),
    ("officer", "licence-case", _url("casework:case-detail", "licence", LICENCE)),
    ("officer", "applications", _url("applications:list")),
    ("officer", "application", _url("applications:detail", APPLICATION)),
    ("officer", "rounds", _url("review:round-list")),
    ("officer", "round", _url("review:round-detail", ROUND)),
    ("officer", "entry", _url("review:entry-detail", ENTRY)),
    ("officer", "ranking", _url("review:ranking", ROUND)),
    ("officer", "pilots", _url("review:pilots")),
    ("officer", "queue", _url("casework:queue")),
    ("officer", "decisions", _url("casework:decision-list")),
    ("officer", "discrepancies", _url("casework:discrepancy-list")),
    ("officer", "compliance", _url("compliance:dashboard")),
    ("officer", "obligations", _url("compliance:obligation-list")),
    ("officer", "violations", _url("compliance:violation-list")),
    ("officer", "networks", _url("compliance:network-list")),
    ("officer", "rectifications", _url("compliance:rectification-list")),
    ("officer", "revocations", _url("compliance:case-list")),
    ("officer", "exits", _url("compliance:exit-list")),
    ("officer", "complaints", _url("supervision:complaint-list")),
    ("officer", "complaint", _url("supervision:complaint-detail", COMPLAINT)),
    ("officer", "statistics", _url("supervision:statistics")),
    ("head", "licence", _url("traceability:licence-detail", LICENCE)),
    ("head", "round", _url("review:round-detail", ROUND)),
    ("head", "decisions", _url("casework:decision-list")),
    ("expert", "round", _url("review:round-detail", ROUND)),
    ("expert", "entry", _url("review:entry-detail", ENTRY)),
    ("police", "vehicle-file", _url("traceability:vehicle-detail", VIN)),
    ("customs", "vehicle-file", _url("traceability:vehicle-detail", VIN)),
    ("customs", "licence", _url("traceability:licence-detail", LICENCE)),
    ("inspector", "vehicle-file", _url("traceability:vehicle-detail", VIN)),
    ("auditor", "audit-log", _url("audit-log")),
    ("public", "home", _url("public-home")),
    ("public", "publicity", _url("review:public-publicity")),
    ("public", "pilot-enterprises", _url("supervision:pilot-enterprises")),
    ("public", "revocations", _url("compliance:public-revocations")),
    ("public", "guides", _url("public-guides")),
    ("public", "tree-heads", _url("verify-tree-heads")),
]


def nav_links(page) -> list[tuple[str, str]]:
    """(label, path) of every link of the main menu, as the signed-in user sees it."""
    links = page.get_by_role("navigation", name="主菜单").get_by_role("link")
    return [(link.inner_text().strip(), link.get_attribute("href")) for link in links.all()]


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-") or "root"


def check_fits(page, viewport: str, role: str, name: str, path: str, wide: list) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, (viewport, role, path, response and response.status)
    arrive(page, shot=f"{viewport}-{role}-{name}")
    limit = VIEWPORTS[viewport]["width"]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > limit:
        culprits = page.evaluate(
            """limit => [...document.querySelectorAll('main *, header *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' +
                                  Math.round(e.getBoundingClientRect().right))""", limit)
        wide.append(f"{viewport} {role} {name} {path}: {width}px {culprits}")


def arrange(pilot_user, police_officer, inspector, customs_officer, bureau_officer, bureau_head) -> World:
    vehicle, licence = licensed_vehicle(pilot_user, police_officer, inspector, bureau_officer, bureau_head)
    vehicle = cleared(vehicle, customs_officer)
    application = accepted_application(pilot_user, bureau_officer)
    review_round, entry = scored_round(bureau_officer)
    review_services.close_scoring(review_round, actor=bureau_officer, today=today())
    complaint = supervision_services.lodge_complaint(
        enterprise=pilot_user.organisation.uscc, category="quality", description="车辆漏油，要求退换。",
        contact_name="张三丰", contact_phone="13812345678", today=today())
    return World(vehicle, licence, application, review_round, entry, complaint)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_role_s_main_pages_fit_the_screen(
        viewport, chromium, live_server, settings, pilot_user, police_officer, inspector, customs_officer,
        bureau_officer, bureau_head, auditor):
    settings.ALLOWED_HOSTS = ["*"]
    world = arrange(pilot_user, police_officer, inspector, customs_officer, bureau_officer, bureau_head)
    expert = PanelMember.objects.filter(round=world.review_round).first().user
    users = {"enterprise": pilot_user, "officer": bureau_officer, "head": bureau_head, "expert": expert,
             "police": police_officer, "customs": customs_officer, "inspector": inspector, "auditor": auditor,
             "public": None}

    wide: list[str] = []
    for role, user in users.items():
        context = chromium.new_context(locale="zh-CN", viewport=VIEWPORTS[viewport], base_url=live_server.url)
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            menu = []
            if user is not None:
                sign_in(page, user)
                check_fits(page, viewport, role, "home", "/home/", wide)
                # The auditor reaches the audit log only (portal.scope), whatever the menu offers.
                menu = [] if role == "auditor" else [(slug(h), h) for _label, h in nav_links(page) if h != "/home/"]
            listed = [(name, path(world)) for r, name, path in PAGES if r == role]
            seen = set()
            for name, path in menu + listed:
                if path not in seen:
                    seen.add(path)
                    check_fits(page, viewport, role, name, path, wide)
            if user is not None:
                sign_out(page)
        finally:
            context.close()
    assert not wide, "\n".join(wide)

"""Generated from the declarations (issue 18; 办法第五条): for every state × action × role of the review
round and of an application's stages, what the service allows equals what `wf.allowed` lists, what the
page offers (its form or button) and — for the round, which has an API detail — what `actions` lists."""

from datetime import date

import pytest
from django.urls import reverse

from portal.roles import Role
from review import services
from review.models import Entry, Objection, ReviewRound
from review.workflow import ENTRY, ROUND, STATIONS
from tests.factories import make_user
from tests.workflow_checks import service_allows

from .factories import TODAY, accepted_application, full_marks_but, round_with, submit

pytestmark = pytest.mark.django_db

AFTER = date(2026, 10, 12)  # after the 公示 of 28 Sep – 9 Oct 2026
ROLES = ("bureau_officer", "bureau_head", "pilot_user", "enterprise_user", "expert", "police_officer",
         "customs_officer", "inspector", "auditor")
STAGE = {"held_on": date(2026, 8, 20), "place": "市商务局会议室"}


def _service_allows(call) -> bool:
    """A 400 on what was sent comes after the declaration's check: it counts as allowed."""
    return service_allows(call, bad_input_is_allowed=True)


@pytest.fixture
def people(request):
    return {name: request.getfixturevalue(name) for name in ROLES}


def _objection(publicity, n=1):
    return Objection.objects.create(publicity=publicity, number=f"YYT{publicity.pk:04d}{n:04d}", content="异议",
                                    year=2026, serial=publicity.pk * 100 + n,
                                    contact_name="钱先生", contact_phone="13800000000", lodged_on=date(2026, 9, 29))


def _rounds(officer, head, expert):
    """A round in every status (and the variants its guards tell apart), the expert on each panel."""
    made = {}

    def build(name, *, sheets=True):
        review_round, panel, entries = round_with(officer, applications=1, members=1, quorum=1)
        services.add_member(review_round, expert, actor=officer, today=TODAY)
        if sheets:
            submit(entries[0], panel[0], full_marks_but(review_round))
        made[name] = review_round
        return review_round, entries

    build("open, sheets short", sheets=False)
    build("open, quorum met")
    for name in ("scoring_closed", "publicity_proposed", "publicity, objection waiting", "publicity, answered",
                 "designated", "filed"):
        review_round, entries = build(name)
        services.close_scoring(review_round, actor=officer, today=TODAY)
        if name == "scoring_closed":
            continue
        services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                                   actor=officer, today=date(2026, 9, 25))
        if name == "publicity_proposed":
            continue
        publicity = services.approve_publicity(review_round, actor=head, today=date(2026, 9, 25))
        objection = _objection(publicity)
        if name == "publicity, objection waiting":
            continue
        services.answer_objection(objection, answer="已核实。", actor=officer, today=AFTER)
        if name == "publicity, answered":
            continue
        services.designate(review_round, actor=head, today=AFTER)
        if name == "filed":
            services.record_filing(review_round, actor=officer, today=AFTER)
    return made


def _round_calls(review_round, user, newcomers):
    publicity = getattr(review_round, "publicity", None)
    waiting = publicity.objections.filter(answered_on__isnull=True).first() if publicity else None
    entry = review_round.entries.first()
    return {
        "add_application": lambda: services.add_application(review_round, newcomers["application"], actor=user,
                                                            today=AFTER),
        "add_member": lambda: services.add_member(review_round, newcomers["expert"], actor=user, today=AFTER),
        "close_scoring": lambda: services.close_scoring(review_round, actor=user, today=AFTER),
        "propose_publicity": lambda: services.propose_publicity(
            review_round, entry_ids=[entry.pk], starts_on=AFTER, actor=user, today=AFTER),
        "approve_publicity": lambda: services.approve_publicity(review_round, actor=user, today=AFTER),
        "answer_objection": (lambda: services.answer_objection(waiting, answer="答复", actor=user, today=AFTER))
        if waiting else None,
        "designate": lambda: services.designate(review_round, actor=user, today=AFTER),
        "file_with_mofcom": lambda: services.record_filing(review_round, actor=user, today=AFTER),
    }


def _round_markers(review_round):
    pk = review_round.pk
    def form(name):
        return f'action="{reverse(name, args=[pk])}"'

    return {
        "add_application": form("review:round-add-application"), "add_member": form("review:round-add-member"),
        "close_scoring": form("review:round-close-scoring"),
        "propose_publicity": f'href="{reverse("review:round-propose", args=[pk])}"',
        "approve_publicity": form("review:round-approve"), "answer_objection": 'action="/review/objections/',
        "designate": form("review:round-designate"), "file_with_mofcom": form("review:round-file"),
    }


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    return response.content.decode() if response.status_code == 200 else ""


def test_the_round_s_service_page_api_and_declaration_agree(client, api, people, monkeypatch):
    monkeypatch.setattr("review.views._today", lambda: AFTER)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: AFTER)
    rounds = _rounds(people["bureau_officer"], people["bureau_head"], people["expert"])
    statuses = ReviewRound.objects.filter(pk__in=[r.pk for r in rounds.values()]).values_list("status", flat=True)
    assert set(statuses) == set(ROUND.states.values)
    # Each service call is undone, so one new application and one new expert serve every call.
    newcomers = {"application": accepted_application(), "expert": make_user(Role.EXPERT)}
    mismatches, offered = [], set()
    for case, review_round in rounds.items():
        for role, user in people.items():
            review_round = ReviewRound.objects.get(pk=review_round.pk)
            declared = set(ROUND.allowed_codes(review_round, user, AFTER))
            page = _page(client, user, reverse("review:round-detail", args=[review_round.pk]))
            response = api(user).get(f"/api/v1/review/rounds/{review_round.pk}/")
            listed = set(response.json().get("actions", [])) if response.status_code == 200 else set()
            markers = _round_markers(review_round)
            for code, call in _round_calls(review_round, user, newcomers).items():
                served = call is not None and _service_allows(call)
                shown = markers[code] in page
                row = (case, role, code, served, code in declared, shown, code in listed)
                if len(set(row[3:])) != 1:
                    mismatches.append(row)
                offered |= {code} if served else set()
    assert not mismatches, mismatches
    assert offered == {a.code for a in ROUND.actions}, "every declared action is taken somewhere"


def _entries(officer, expert):
    """An application at every step of the declared order, and the member's own variants."""
    made = {}

    def build(name, *, upto=0, declare=True, decide=None):
        review_round, panel, [entry] = round_with(officer, members=1, quorum=1, stages=False)
        services.add_member(review_round, expert, actor=officer, today=TODAY)
        for station in STATIONS[:upto]:
            if station.code == "site_visit_decision":
                services.decide_site_visit(entry, required=decide, actor=officer, today=TODAY)
            else:
                services.record_stage(entry, stage=station.code, actor=officer, today=TODAY, **STAGE)
        if declare:
            services.declare_conflict(entry, conflict=False, actor=expert, today=TODAY)
        made[name] = (entry, panel)
        return entry, panel

    build("material_review")
    build("defense", upto=1)
    build("site_visit_decision", upto=2)
    build("site_visit", upto=3, decide=True)
    build("scoring", upto=3, decide=False)
    build("scoring, not declared", upto=3, decide=False, declare=False)
    entry, panel = build("scoring, submitted", upto=3, decide=False)
    submit(entry, expert, full_marks_but(entry.round))
    entry, panel = build("closed", upto=3, decide=False)
    submit(entry, panel[0], full_marks_but(entry.round))
    services.close_scoring(entry.round, actor=officer, today=TODAY)
    return made


def _entry_calls(entry, user):
    def stage(code):
        return lambda: services.record_stage(entry, stage=code, actor=user, today=TODAY, **STAGE)

    return {
        "record_material_review": stage("material_review"),
        "record_defense": stage("defense"),
        "decide_site_visit": lambda: services.decide_site_visit(entry, required=True, actor=user, today=TODAY),
        "record_site_visit": stage("site_visit"),
        "declare_conflict": lambda: services.declare_conflict(entry, conflict=False, actor=user, today=TODAY),
        "save_sheet": lambda: services.save_sheet(entry, points={}, actor=user, today=TODAY),
        "submit_sheet": lambda: services.save_sheet(entry, points=full_marks_but(entry.round), comment="好",
                                                    submit=True, actor=user, today=TODAY),
    }


ENTRY_MARKERS = {
    "record_material_review": 'value="material_review"', "record_defense": 'value="defense"',
    "record_site_visit": 'value="site_visit"', "decide_site_visit": "/site-visit/",
    "declare_conflict": 'name="conflict"', "save_sheet": 'name="save"', "submit_sheet": 'name="submit"',
}


def test_the_stages_service_page_and_declaration_agree(client, people, monkeypatch):
    monkeypatch.setattr("review.views._today", lambda: TODAY)
    entries = _entries(people["bureau_officer"], people["expert"])
    mismatches, offered, steps = [], set(), set()
    for case, (entry, _panel) in entries.items():
        for role, user in people.items():
            entry = Entry.objects.select_related("round", "application").get(pk=entry.pk)
            steps.add(entry.review_step)
            declared = set(ENTRY.allowed_codes(entry, user, TODAY))
            page = _page(client, user, reverse("review:entry-detail", args=[entry.pk]))
            for code, call in _entry_calls(entry, user).items():
                served = _service_allows(call)
                row = (case, role, code, served, code in declared, ENTRY_MARKERS[code] in page)
                if len(set(row[3:])) != 1:
                    mismatches.append(row)
                offered |= {code} if served else set()
    assert not mismatches, mismatches
    assert steps == set(ENTRY.states.values)
    assert offered == {a.code for a in ENTRY.actions}


def test_the_work_queue_shows_a_round_to_the_roles_the_declaration_says(bureau_officer, bureau_head):
    """casework's queue reads ROUND.states_awaiting: the proposed 公示 waits for the head, not the officer."""
    from casework.queue import work_queue

    from .test_publicity import closed_round

    review_round, entries = closed_round(bureau_officer)
    for status in ("scoring_closed", "publicity_proposed"):
        if status == "publicity_proposed":
            services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                                       actor=bureau_officer, today=date(2026, 9, 25))
        for user, role in ((bureau_officer, Role.BUREAU_OFFICER), (bureau_head, Role.BUREAU_HEAD)):
            keys = {item.key for item in work_queue(user, today=TODAY)}
            assert (f"review_round:{review_round.pk}" in keys) == (status in ROUND.states_awaiting(role)), (status, role)
    assert "publicity_proposed" not in ROUND.states_awaiting(Role.BUREAU_OFFICER)

"""Accepted applications and a ready review round, built with the ORM (independent of the submission flow)."""

import itertools
from datetime import date

from applications.models import Application, ApplicationStatus
from portal.roles import Role
from review import services
from review.rules import StageKind
from tests.factories import EnterpriseFactory, make_user

_numbers = itertools.count(1)

TODAY = date(2026, 9, 1)


def accepted_application(organisation=None, **fields) -> Application:
    organisation = organisation or EnterpriseFactory()
    creator = make_user(Role.ENTERPRISE_USER, organisation=organisation)
    return Application.objects.create(
        organisation=organisation, created_by=creator, status=ApplicationStatus.ACCEPTED,
        reference_number=f"TY-REV-{next(_numbers):05d}", company_name=organisation.name, uscc=organisation.uscc,
        registered_district="140105", **fields,
    )


def experts(n=3):
    return [make_user(Role.EXPERT) for _ in range(n)]


def round_with(officer, *, applications=1, members=3, quorum=3, criteria=None, stages=True, declare=True):
    """A round with accepted applications, a panel, the stages held and every member declared no conflict."""
    review_round = services.create_round(name="2026年第一批", actor=officer, today=TODAY, quorum=quorum,
                                         criteria=criteria)
    panel = experts(members)
    for user in panel:
        services.add_member(review_round, user, actor=officer, today=TODAY)
    entries = []
    for _ in range(applications):
        entry = services.add_application(review_round, accepted_application(), actor=officer, today=TODAY)
        if stages:
            hold_stages(entry, officer)
        if declare:
            for user in panel:
                services.declare_conflict(entry, conflict=False, actor=user, today=TODAY)
        entries.append(entry)
    return review_round, panel, entries


def hold_stages(entry, officer, *, site_visit=False):
    """The stages of 第五条 in their declared order: material review, defense, the panel's decision on a
    site visit (and the visit when decided)."""
    for stage in (StageKind.MATERIAL_REVIEW, StageKind.DEFENSE):
        services.record_stage(entry, stage=stage, held_on=date(2026, 8, 20), place="市商务局会议室",
                              attendees="评审小组", outcome="通过", actor=officer, today=TODAY)
    services.decide_site_visit(entry, required=site_visit, actor=officer, today=TODAY)
    if site_visit:
        services.record_stage(entry, stage=StageKind.SITE_VISIT, held_on=date(2026, 8, 25), place="企业经营场所",
                              outcome="属实", actor=officer, today=TODAY)
    entry.refresh_from_db(fields=["site_visit_required"])


def full_marks_but(review_round, **overrides) -> dict:
    points = {code: maximum for code, maximum in review_round.criteria.items()}
    points.update(overrides)
    return points


def submit(entry, member, points, comment="材料完整，答辩清楚。"):
    return services.save_sheet(entry, points=points, comment=comment, submit=True, actor=member, today=TODAY)

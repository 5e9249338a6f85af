"""Demo records of the panel day: the 2021 round's 答辩会 at which the pilot enterprise defended its application,
with its agenda, attendance, the three demo experts' sheets and the signed minutes (historical, inserted as they
stand; the minutes are signed when the demo signing key exists)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from .models import ConflictDeclaration, Entry, ReviewRound, ScoreSheet, SheetStatus, Stage, StageKind
from .panel_models import AgendaItem, AgendaItemStatus, Attendance, PanelDay, PanelDayStatus, SheetNote

TZ = ZoneInfo("Asia/Shanghai")
HELD_ON = date(2021, 2, 3)
PILOT_REFERENCE = "TY-ESC-2020-0001"  # applications.demo
SHEETS = {  # the three demo experts' points: totals 86.0, 87.2, 86.0 — the final score 86.40 of the decision
    "expert1_demo": {"basic_conditions": "13", "business_plan": "13", "sourcing_capacity": "13",
                     "supporting_services": "8", "overseas_channels": "14", "parts_aftersales": "8",
                     "traceability": "9", "new_trade_formats": "8"},
    "expert2_demo": {"basic_conditions": "13.5", "business_plan": "13", "sourcing_capacity": "13.2",
                     "supporting_services": "8.5", "overseas_channels": "14", "parts_aftersales": "8",
                     "traceability": "9", "new_trade_formats": "8"},
    "expert3_demo": {"basic_conditions": "13", "business_plan": "12.5", "sourcing_capacity": "13.5",
                     "supporting_services": "8", "overseas_channels": "14", "parts_aftersales": "8",
                     "traceability": "9", "new_trade_formats": "8"},
}


@transaction.atomic
def seed_panel_day(context: dict) -> None:
    """Idempotent: one signed panel day on the demo round (review.demo), once the pilot's application exists."""
    from applications.models import Application

    users = context["users"]
    review_round = ReviewRound.objects.filter(members__user=users["expert1_demo"]).order_by("created_at").first()
    application = Application.objects.filter(reference_number=PILOT_REFERENCE).first()
    if review_round is None or application is None or PanelDay.objects.filter(round=review_round).exists():
        return
    officer, head = users["bureau_demo"], users["bureau_head_demo"]
    experts = [users[name] for name in SHEETS]
    entry, _created = Entry.objects.get_or_create(application=application, defaults={
        "round": review_round, "site_visit_required": True, "final_score": Decimal("86.40"), "rank": 1,
        "submitted_sheets": 3, "total_spread": Decimal("1.2"), "proposed": True, "approved": True})
    for stage, day, place in ((StageKind.MATERIAL_REVIEW, date(2021, 1, 20), "市商务局"),
                              (StageKind.DEFENSE, HELD_ON, "市商务局3楼会议室"),
                              (StageKind.SITE_VISIT, date(2021, 2, 8), "企业经营场所")):
        Stage.objects.get_or_create(entry=entry, stage=stage, defaults={
            "held_on": day, "place": place, "attendees": "评审工作小组", "outcome": "已完成", "recorded_by": officer})
    opened = datetime.combine(HELD_ON, time(9, 0), tzinfo=TZ)
    panel_day = PanelDay.objects.create(
        round=review_round, title="2021年第一批试点企业评审答辩会", held_on=HELD_ON, place="市商务局3楼会议室",
        chair=experts[0], status=PanelDayStatus.CLOSED, created_by=officer, started_at=opened,
        closed_at=opened + timedelta(hours=2))
    item = AgendaItem.objects.create(day=panel_day, entry=entry, position=1, starts_at=time(9, 0),
                                     room="市商务局3楼会议室", status=AgendaItemStatus.CLOSED, opened_at=opened,
                                     closed_at=opened + timedelta(hours=1, minutes=30))
    for n, member in enumerate(experts):
        Attendance.objects.create(day=panel_day, member=member, present=True)
        ConflictDeclaration.objects.get_or_create(entry=entry, member=member, defaults={"conflict": False})
        points = SHEETS[member.username]
        submitted = opened + timedelta(minutes=45 + 10 * n)
        sheet = ScoreSheet.objects.create(
            entry=entry, member=member, points=points, total=sum(Decimal(v) for v in points.values()),
            comment="车源整合和海外网点扎实，售后体系尚待完善。", status=SheetStatus.SUBMITTED, submitted_at=submitted)
        SheetNote.objects.create(item=item, sheet=sheet, member=member,
                                 reading_seconds=int((submitted - opened).total_seconds()), too_fast=False)
    _sign(panel_day, head)


def _sign(panel_day: PanelDay, head) -> None:
    """The minutes signed by the demo head (casework's demo signing key is seeded first)."""
    import hashlib

    from casework import signing

    from .panel_minutes import minutes_number, render_minutes

    if not signing.has_credentials():
        return
    panel_day.signed_by, panel_day.signed_on = head, panel_day.held_on
    pdf = signing.sign_pdf(render_minutes(panel_day), reason=f"{panel_day.title} {minutes_number(panel_day)}",
                           location=panel_day.place)
    panel_day.minutes_pdf, panel_day.minutes_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    panel_day.status = PanelDayStatus.SIGNED
    panel_day.save(update_fields=["signed_by", "signed_on", "minutes_pdf", "minutes_sha256", "status"])

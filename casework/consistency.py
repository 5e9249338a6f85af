"""Consistency checks across agencies over the vehicle files, set-based (INSERT … SELECT).

Run with the compliance job (compliance.sweep.run_evaluated). Each finding opens exactly one
discrepancy in the queue of the agency that must act; the unique constraint on (kind, vehicle,
key) makes a rerun find the same finding and open nothing.
"""

from collections import defaultdict
from datetime import date

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce, Least

from compliance.sql import AddDays, AddMonths, insert_select
from portal.models import PilotStatus
from portal.policy import published_versions, version_on
from traceability import rules as vehicle_rules
from traceability.models import LicenceStatus, LicenceVehicle, Vehicle

from . import rules
from .models import Discrepancy, DiscrepancyKind, DiscrepancyStatus

LIVE_LICENCE = (LicenceStatus.PREPARED, LicenceStatus.ISSUED, LicenceStatus.SUSPENDED)
# The licence that authorises (issued) or authorised (used by the clearance) the vehicle's export.
EXPORT_LICENCE = (LicenceStatus.ISSUED, LicenceStatus.USED)
COLUMNS = ["kind", "vehicle", "key", "acting_kind", "found_on", "details", "status", "resolution"]


def _open(kind: str, rows, today: date, key=None, *, vehicle=None, details: str = "") -> int:
    acting, rule = rules.DISCREPANCY_RULES[kind]
    aliases = {
        "d_kind": Value(str(kind)), "d_vehicle": vehicle if vehicle is not None else F("id"),
        "d_key": key if key is not None else Value(""),
        "d_acting": Value(acting), "d_found_on": Value(today, output_field=models.DateField()),
        "d_details": Value((details or f"{rule.article}：{rule.message}")[:300]),
        "d_status": Value(str(DiscrepancyStatus.OPEN)), "d_resolution": Value(""),
    }
    return insert_select(Discrepancy, COLUMNS, rows.annotate(**aliases).values_list(*aliases))


def deregistered_before_clearance(today: date) -> int:
    """办法第六条: police deregistration is recorded only after customs clearance."""
    qs = Vehicle.objects.filter(deregistered_on__isnull=False, cleared_on__isnull=False, deregistered_on__lt=F("cleared_on"))
    return _open(DiscrepancyKind.DEREGISTERED_BEFORE_CLEARANCE, qs, today)


def inspected_after_clearance(today: date) -> int:
    """实施方案三(三): the inspection (一车一检) comes before the vehicle leaves."""
    qs = Vehicle.objects.filter(inspected_on__isnull=False, cleared_on__isnull=False, inspected_on__gt=F("cleared_on"))
    return _open(DiscrepancyKind.INSPECTED_AFTER_CLEARANCE, qs, today)


def vin_on_two_live_licences(today: date) -> int:
    """一批一证: one vehicle on two live licences at once."""
    # Only the live licences' rows are counted (a few), not every vehicle joined to every licence.
    twice = (LicenceVehicle.objects.filter(licence__status__in=LIVE_LICENCE).order_by().values("vehicle_id")
             .annotate(live=Count("id")).filter(live__gte=2).values("vehicle_id"))
    qs = Vehicle.objects.filter(pk__in=twice)
    return _open(DiscrepancyKind.VIN_ON_TWO_LIVE_LICENCES, qs, today)


def export_by_ineligible_enterprise(today: date) -> int:
    """办法第十二条: a clearance on or after the day the enterprise was revoked or suspended."""
    qs = Vehicle.objects.filter(
        cleared_on__isnull=False, enterprise__pilot_status__in=[PilotStatus.REVOKED, PilotStatus.SUSPENDED],
        enterprise__pilot_status_changed_on__isnull=False, cleared_on__gte=F("enterprise__pilot_status_changed_on"),
    )
    return _open(DiscrepancyKind.EXPORT_BY_INELIGIBLE_ENTERPRISE, qs, today)


def export_ban_after_issue(today: date) -> int:
    """办法第七条: a vehicle on an issued (or used) licence that the file now shows may not be
    exported: flagged stolen, assembled or scrapped, or — by its service life — within one year
    of its scrap due date on the licence's issue date (see `within_service_life_window`)."""
    flagged = Vehicle.objects.filter(Q(stolen=True) | Q(assembled=True) | Q(scrapped=True),
                                     licences__status__in=EXPORT_LICENCE).annotate(
        licence_key=Cast("licences__id", models.CharField())
    )
    opened = _open(DiscrepancyKind.EXPORT_BAN_AFTER_ISSUE, flagged, today, key=F("licence_key"))
    found = within_service_life_window(today)
    if not found:
        return opened
    window = LicenceVehicle.objects.filter(pk__in=found)
    rule = vehicle_rules.WITHIN_1Y_OF_SCRAP
    return opened + _open(DiscrepancyKind.EXPORT_BAN_AFTER_ISSUE, window, today, vehicle=F("vehicle_id"),
                          key=Cast("licence_id", models.CharField()), details=f"{rule.article}：{rule.message}")


# add_years clamps 29 February to the 28th: this margin keeps the SQL pre-filter a superset.
_CLAMP_MARGIN_DAYS = 3


def within_service_life_window(today: date) -> list[int]:
    """The licence–vehicle rows (ids) whose vehicle was within one year of its scrap due date
    (办法第七条, 含1年) on the day its licence was issued, by the facts now on file.

    The ban is judged when the licence is issued (api.md: the rules are re-checked at every issue
    call; a customs clearance then needs only a licence valid on its day), so a vehicle that
    reaches the window after issue is no finding; one that was already in it is — its facts were
    corrected after issue, or the licence came in without the check. The rule itself is only
    traceability.rules' (service_life_years, scrap_due_date, export_banned_from): SQL narrows the
    rows with a necessary condition per service life, Python decides.
    """
    kind = DiscrepancyKind.EXPORT_BAN_AFTER_ISSUE
    rows = LicenceVehicle.objects.filter(licence__status__in=EXPORT_LICENCE, licence__issued_on__lte=today).exclude(
        Exists(Discrepancy.objects.filter(kind=kind, vehicle=OuterRef("vehicle_id"),
                                          key=Cast(OuterRef("licence_id"), models.CharField())))
    )
    use = ("vehicle__vehicle_type", "vehicle__previous_use", "vehicle__commercial_vehicle_type")
    # Each licence is judged by the policy version in force on its issue day (issue 24); the SQL bound takes
    # the shortest service life any version gives, so it stays a necessary condition.
    versions = published_versions()
    by_years = defaultdict(list)
    for combo in rows.values_list(*use).distinct().order_by():
        lives = [vehicle_rules.service_life_years(*combo, table=v["service_life_years"]) for v in versions]
        years = min((y for y in lives if y), default=None)
        if years:
            by_years[years].append(Q(**dict(zip(use, combo, strict=True))))
    if not by_years:
        return []
    # The scrap start date is the registration or the manufacture date: the earlier one bounds it.
    rows = rows.annotate(earliest_start=Least("vehicle__registration_date",
                                              Coalesce("vehicle__manufacture_date", "vehicle__registration_date")))
    candidates = Q()
    for years, combos in by_years.items():
        latest_start = AddDays(AddMonths(F("licence__issued_on"), -12 * (years - 1)), _CLAMP_MARGIN_DAYS)
        any_combo = Q()
        for combo in combos:
            any_combo |= combo
        candidates |= any_combo & Q(earliest_start__lte=latest_start)
    found = []
    for pk, issued_on, *facts in rows.filter(candidates).values_list(
            "pk", "licence__issued_on", "vehicle__vehicle_type", "vehicle__registration_date",
            "vehicle__manufacture_date", "vehicle__previous_use", "vehicle__commercial_vehicle_type"):
        table = version_on(issued_on, versions)["service_life_years"]
        banned_from = vehicle_rules.export_banned_from(vehicle_rules.scrap_due_date(*facts, table=table))
        if banned_from is not None and issued_on >= banned_from:
            found.append(pk)
    return found


CHECKS = [
    deregistered_before_clearance,
    inspected_after_clearance,
    vin_on_two_live_licences,
    export_by_ineligible_enterprise,
    export_ban_after_issue,
]


def run_consistency_checks(today: date) -> int:
    """Every check once; answers how many discrepancies were newly opened."""
    return sum(check(today) for check in CHECKS)

"""Consistency checks across agencies over the vehicle files, set-based (INSERT … SELECT).

Run with the compliance job (compliance.sweep.run_evaluated). Each finding opens exactly one
discrepancy in the queue of the agency that must act; the unique constraint on (kind, vehicle,
key) makes a rerun find the same finding and open nothing.
"""

from datetime import date

from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Cast

from compliance.sql import insert_select
from portal.models import PilotStatus
from traceability.models import LicenceStatus, Vehicle

from . import rules
from .models import Discrepancy, DiscrepancyKind, DiscrepancyStatus

LIVE_LICENCE = (LicenceStatus.PREPARED, LicenceStatus.ISSUED, LicenceStatus.SUSPENDED)
COLUMNS = ["kind", "vehicle", "key", "acting_kind", "found_on", "details", "status", "resolution"]


def _open(kind: str, vehicles, today: date, key=None) -> int:
    acting, rule = rules.DISCREPANCY_RULES[kind]
    aliases = {
        "d_kind": Value(str(kind)), "d_vehicle": F("id"), "d_key": key if key is not None else Value(""),
        "d_acting": Value(acting), "d_found_on": Value(today, output_field=models.DateField()),
        "d_details": Value(f"{rule.article}：{rule.message}"[:300]), "d_status": Value(str(DiscrepancyStatus.OPEN)),
        "d_resolution": Value(""),
    }
    return insert_select(Discrepancy, COLUMNS, vehicles.annotate(**aliases).values_list(*aliases))


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
    qs = Vehicle.objects.annotate(live=Count("licences", filter=Q(licences__status__in=LIVE_LICENCE))).filter(live__gte=2)
    return _open(DiscrepancyKind.VIN_ON_TWO_LIVE_LICENCES, qs, today)


def export_by_ineligible_enterprise(today: date) -> int:
    """办法第十二条: a clearance on or after the day the enterprise was revoked or suspended."""
    qs = Vehicle.objects.filter(
        cleared_on__isnull=False, enterprise__pilot_status__in=[PilotStatus.REVOKED, PilotStatus.SUSPENDED],
        enterprise__pilot_status_changed_on__isnull=False, cleared_on__gte=F("enterprise__pilot_status_changed_on"),
    )
    return _open(DiscrepancyKind.EXPORT_BY_INELIGIBLE_ENTERPRISE, qs, today)


def export_ban_after_issue(today: date) -> int:
    """办法第七条: a vehicle on an issued licence later flagged stolen, assembled or scrapped."""
    qs = Vehicle.objects.filter(Q(stolen=True) | Q(assembled=True) | Q(scrapped=True),
                                licences__status=LicenceStatus.ISSUED).annotate(
        licence_key=Cast("licences__id", models.CharField())
    )
    return _open(DiscrepancyKind.EXPORT_BAN_AFTER_ISSUE, qs, today, key=F("licence_key"))


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

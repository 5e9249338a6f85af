"""The agenda of a joint meeting (实施方案四(一)): a list of sources, each giving the open matters of one
kind. Another app adds a source with `register_source` (e.g. open incidents) without touching this file."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PER_SOURCE = 50  # an agenda is read aloud: each source gives at most this many matters, oldest first


@dataclass(frozen=True)
class Matter:
    source: str
    reference: str
    title: str
    link: str = ""


@dataclass(frozen=True)
class Source:
    code: str
    label: str
    read: Callable[[date], list[Matter]]


def open_discrepancies(today: date) -> list[Matter]:
    from casework.models import CaseKind, Discrepancy, DiscrepancyStatus

    qs = (Discrepancy.objects.filter(status=DiscrepancyStatus.OPEN).select_related("vehicle__enterprise")
          .order_by("found_on", "id")[:PER_SOURCE])
    return [Matter("discrepancy", f"{d.vehicle.vin}-{d.pk}",
                   f"{d.get_kind_display()}：{d.vehicle.enterprise.name} {d.vehicle.vin}",
                   reverse("casework:case-detail", args=[CaseKind.DISCREPANCY, d.pk])) for d in qs]


def serious_complaints(today: date) -> list[Matter]:
    from ..models import Complaint, ComplaintStatus, Severity

    qs = (Complaint.objects.filter(severity=Severity.SERIOUS).exclude(status=ComplaintStatus.CLOSED)
          .select_related("enterprise").order_by("received_on", "id")[:PER_SOURCE])
    return [Matter("complaint", c.number, f"{c.get_category_display()}：{c.enterprise.name}（{c.number}）",
                   reverse("supervision:complaint-detail", args=[c.pk])) for c in qs]


def overdue_obligations(today: date) -> list[Matter]:
    from compliance.models import Obligation, ObligationStatus

    qs = (Obligation.objects.filter(status=ObligationStatus.OVERDUE).select_related("enterprise", "vehicle")
          .order_by("due_on", "id")[:PER_SOURCE])
    return [Matter("obligation", str(o.pk),
                   f"{o.get_rule_display()}：{o.enterprise.name}{' ' + o.vehicle.vin if o.vehicle_id else ''}"
                   f"（{o.due_on:%Y-%m-%d}）", reverse("compliance:obligation-list")) for o in qs]


def revocation_cases(today: date) -> list[Matter]:
    from compliance.models import OPEN_CASE_STATUSES, RevocationCase

    qs = (RevocationCase.objects.filter(status__in=OPEN_CASE_STATUSES).select_related("enterprise")
          .order_by("answer_due_on", "id")[:PER_SOURCE])
    return [Matter("revocation", str(c.pk), f"{c.get_status_display()}：{c.enterprise.name}",
                   reverse("compliance:case-detail", args=[c.pk])) for c in qs]


def open_incidents(today: date) -> list[Matter]:
    """实施方案三(四): emergency incidents not yet closed (compliance.incidents), oldest first."""
    from compliance.incidents.selectors import open_incidents as incidents

    qs = incidents().order_by("opened_on", "id")[:PER_SOURCE]
    return [Matter("incident", i.number, f"{i.get_category_display()}：{i.enterprise.name} {i.title}（{i.get_status_display()}）",
                   reverse("compliance:incident-detail", args=[i.pk])) for i in qs]


SOURCES: list[Source] = [
    Source("discrepancy", _("跨部门数据不一致"), open_discrepancies),
    Source("complaint", _("重大投诉"), serious_complaints),
    Source("obligation", _("逾期义务"), overdue_obligations),
    Source("revocation", _("取消试点资格案件"), revocation_cases),
    Source("incident", _("未结案的应急事件"), open_incidents),
]


def register_source(code: str, label, read: Callable[[date], list[Matter]]) -> None:
    """Add one more kind of matter to every agenda (an app's AppConfig.ready())."""
    if any(s.code == code for s in SOURCES):
        return
    SOURCES.append(Source(code, label, read))


def source_label(code: str) -> str:
    return next((str(s.label) for s in SOURCES if s.code == code), code)


def build(today: date) -> list[Matter]:
    matters: list[Matter] = []
    for source in SOURCES:
        matters += source.read(today)
    return matters

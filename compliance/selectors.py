"""Reads filtered by what the user may see: the bureau sees every enterprise, an enterprise its own."""

from django.db.models import Count, Min, Q

from portal.models import Organisation
from portal.roles import OrganisationKind, Role, has_role, is_bureau

from .models import (
    CaseStatus,
    ExitApplication,
    NetworkReport,
    Obligation,
    ObligationStatus,
    RectificationOrder,
    RectificationStatus,
    RevocationCase,
    Violation,
)


def may_read_compliance(user) -> bool:
    return is_bureau(user) or has_role(user, Role.ENTERPRISE_USER)


def _own(user, queryset, field: str = "enterprise"):
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if is_bureau(user):
        return queryset
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return queryset.filter(**{f"{field}_id": user.organisation_id})
    return queryset.none()


def obligations_visible_to(user):
    return _own(user, Obligation.objects.select_related("enterprise", "vehicle"))


def violations_visible_to(user):
    return _own(user, Violation.objects.select_related("enterprise", "vehicle", "obligation", "revocation_case"))


def network_reports_visible_to(user):
    return _own(user, NetworkReport.objects.select_related("enterprise", "submitted_by", "decided_by"))


def rectification_orders_visible_to(user):
    qs = _own(user, RectificationOrder.objects.select_related("enterprise", "prepared_by", "authorised_by"))
    if not is_bureau(user):
        # An order the head has not signed does not exist yet for the enterprise.
        qs = qs.exclude(status=RectificationStatus.PREPARED)
    return qs


def cases_visible_to(user):
    return _own(user, RevocationCase.objects.select_related("enterprise", "opened_by", "decided_by"))


def exit_applications_visible_to(user):
    return _own(user, ExitApplication.objects.select_related("enterprise", "submitted_by", "decided_by"))


def enterprises_visible_to(user):
    qs = Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE).exclude(designated_on__isnull=True)
    if is_bureau(user):
        return qs
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return qs.filter(pk=user.organisation_id)
    return qs.none()


def enterprise_overview(user):
    """The bureau dashboard: each enterprise with its open and overdue obligations and nearest due date."""
    return enterprises_visible_to(user).annotate(
        open_count=Count("obligations", filter=Q(obligations__status=ObligationStatus.OPEN)),
        overdue_count=Count("obligations", filter=Q(obligations__status=ObligationStatus.OVERDUE)),
        next_due=Min("obligations__due_on", filter=Q(obligations__status=ObligationStatus.OPEN)),
    )


def published_revocations():
    """The public page: revocations the bureau has published."""
    return RevocationCase.objects.filter(status=CaseStatus.REVOKED, published_on__isnull=False).select_related(
        "enterprise"
    ).order_by("-published_on", "-id")


def last_run():
    from .models import ComplianceRun

    return ComplianceRun.objects.filter(dry_run=False).first()


def mofcom_report_rows():
    """Headers and rows of the MOFCOM report (报商务部): published revocations and approved exits."""
    from django.utils.translation import gettext as _

    from .models import ExitStatus
    from .rules import GROUND_ARTICLES

    headers = [_("企业"), _("统一社会信用代码"), _("事项"), _("依据"), _("决定日期"), _("文号或说明"), _("公布日期")]
    rows = [
        [c.enterprise.name, c.enterprise.uscc, _("取消试点资格"), GROUND_ARTICLES[c.ground], c.decided_on,
         c.decision_number, c.published_on]
        for c in published_revocations()
    ]
    exits = ExitApplication.objects.filter(status=ExitStatus.APPROVED).select_related("enterprise").order_by("decided_on")
    rows += [
        [e.enterprise.name, e.enterprise.uscc, _("主动退出试点"), "办法第十三条", e.decided_on, e.decision_note, None]
        for e in exits
    ]
    return headers, rows

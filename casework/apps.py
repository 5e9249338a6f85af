from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("案件办理")

    def ready(self):
        from compliance.sweep import run_evaluated
        from portal import dashboard, demo, schedules
        from portal.roles import Role

        run_evaluated.connect(_on_compliance_run, dispatch_uid="casework.consistency")
        from portal import workflow

        from .workflow import DISCREPANCY, INFORMATION

        workflow.register(INFORMATION, DISCREPANCY)
        from applications.services import application_refused
        from traceability.licensing import licence_issued

        from .receivers import on_application_refused, on_licence_issued

        licence_issued.connect(on_licence_issued, dispatch_uid="casework.licence_letter")
        from compliance.workflows import rectification_ordered

        from .receivers import on_rectification_ordered

        rectification_ordered.connect(on_rectification_ordered, dispatch_uid="casework.rectification_letter")
        application_refused.connect(on_application_refused, dispatch_uid="casework.pilot_refusal_letter")
        from compliance.incidents.services import incident_order_prepared

        from .receivers import on_incident_order_prepared

        incident_order_prepared.connect(on_incident_order_prepared, dispatch_uid="casework.incident_order_decision")
        post_migrate.connect(_ensure_letter_templates, sender=self)
        from portal import workflow

        from .decisions import preparer_of

        workflow.set_prepared_reader(preparer_of)  # the head's side of countersigned actions (issue 18)
        schedules.register("casework.clock_reminders", "casework.tasks.send_clock_reminders", daily_at="07:00")
        officials = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR)
        dashboard.register(*officials, title=_("我的待办"), description=_("待本单位办理的案件、期限和指派"),
                           url_name="casework:queue", order=5)
        dashboard.register(Role.ENTERPRISE_USER, title=_("待办事项"), description=_("待本企业补正或答复的事项"),
                           url_name="casework:queue", order=5)
        dashboard.register_nav(*officials, Role.ENTERPRISE_USER, title=_("待办"), url_name="casework:queue", order=5)
        dashboard.register_deadlines(_next_deadlines)  # the home page's "my next deadlines" (issue 20)
        dashboard.register(Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.AUDITOR, title=_("决定与文书"),
                           description=_("拟办、签发的决定及其电子签章文书"), url_name="casework:decision-list", order=6)
        demo.register(_seed_signing_certificate, order=5)


def _on_compliance_run(sender, *, as_of, dry_run, counts, **kwargs):
    """The compliance job also brings the clocks up to date and checks the vehicle files across agencies."""
    from .clocks import sync_clocks
    from .consistency import run_consistency_checks

    sync_clocks(as_of)
    counts["discrepancies"] = counts.get("discrepancies", 0) + run_consistency_checks(as_of)


def _next_deadlines(user, today):
    """The user's work queue items that have a due date (casework.queue: bounded, one query per source) and,
    for an enterprise, its own duties' clocks (one query)."""
    from django.urls import reverse

    from portal.roles import Role, has_role

    from .models import Clock, ClockKind, ClockStatus
    from .queue import QueueRows

    rows = [{"title": item.reference or item.kind_display, "what": item.kind_display, "organisation": item.organisation,
             "due_on": item.due_on, "url": item.url}
            for item in QueueRows(user, today=today)[:5] if item.due_on is not None]  # due dates first
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        duties = Clock.objects.filter(organisation_id=user.organisation_id, kind=ClockKind.ENTERPRISE_DUTY,
                                      status__in=[ClockStatus.RUNNING, ClockStatus.PAUSED]).order_by("due_on", "id")[:5]
        rows += [{"title": clock.label, "what": clock.get_kind_display(), "organisation": "", "due_on": clock.due_on,
                  "url": reverse("casework:clock-detail", args=[clock.pk])} for clock in duties]
    return rows


def _seed_signing_certificate(context):
    """seed_demo: a demo signing key and self-signed certificate for letters (var/letter-signing/)."""
    from django.conf import settings

    from .signing import cert_path, key_path, make_demo_credentials

    make_demo_credentials(key_path(), cert_path(), authority=settings.PORTAL["ISSUING_AUTHORITY"])


def _ensure_letter_templates(sender, using="default", **kwargs):
    """Every decision kind has a letter template: version 1 (migration 0003) again when a flush emptied
    the table (the test suite's transactional tests do), never a second one beside an existing version."""
    from django.db import connections

    from .letter_texts import (
        TEMPLATES_DECIDED,
        TEMPLATES_EXIT_V1,
        TEMPLATES_INCIDENT_V1,
        TEMPLATES_V1,
        TEMPLATES_V2,
    )
    from .models import LetterTemplate

    if LetterTemplate._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the letters
    for kind, (title, body) in (TEMPLATES_V1 | TEMPLATES_EXIT_V1 | TEMPLATES_INCIDENT_V1).items():
        if not LetterTemplate.objects.using(using).filter(kind=kind).exists():
            LetterTemplate.objects.using(using).create(kind=kind, version=1, title=title, body=body)
    for kind, (title, body) in TEMPLATES_V2.items():
        if not LetterTemplate.objects.using(using).filter(kind=kind, version__gte=2).exists():
            LetterTemplate.objects.using(using).create(kind=kind, version=2, title=title, body=body)
    for kind, (version, title, body) in TEMPLATES_DECIDED.items():
        if not LetterTemplate.objects.using(using).filter(kind=kind, version__gte=version).exists():
            LetterTemplate.objects.using(using).create(kind=kind, version=version, title=title, body=body)

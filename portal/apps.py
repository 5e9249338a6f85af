from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("平台基础")

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate

        from . import schema, tokens  # noqa: F401 - tokens: a 2FA reset ends the user's tokens
        from .models import CalendarDay, CalendarYear, Organisation, User
        from .setup import on_post_migrate

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Organisation)
        auditlog.register(CalendarDay)
        auditlog.register(CalendarYear)
        post_migrate.connect(on_post_migrate, sender=self)

        from . import logdisplay

        logdisplay.autodiscover()  # every app's history.LABELS: codes in words (issue 18 point 5)

        from . import dashboard

        dashboard.register_public(title=_("办事指南"), url_name="public-guides", order=10)

        from django.conf import settings

        from . import schedules

        # Issue 22 point 4: notifications whose e-mail was lost (broker down, worker killed) are sent, once.
        schedules.register("portal.send_unsent_emails", "portal.tasks.send_unsent_emails",
                           every_seconds=settings.EMAIL_RESEND_EVERY_SECONDS)

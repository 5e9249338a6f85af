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
        # Issue 24: versioned policy — version 1 again after a flush, the maker–checker workflow, the bureau's tile.
        from . import dashboard, policy_workflow
        from .policy import ensure_first_version
        from .roles import Role

        post_migrate.connect(ensure_first_version, sender=self, dispatch_uid="portal.policy_first_version")
        policy_workflow.register()
        from . import demo
        from .policy_demo import seed_policy_adjustment

        demo.register(seed_policy_adjustment, order=190)
        dashboard.register(Role.BUREAU_OFFICER, Role.BUREAU_HEAD, title=_("政策参数"),
                           description=_("现行及历次政策参数版本；经办人拟定调整，负责人签发"),
                           url_name="policy-version-list", order=80)

        from . import logdisplay

        logdisplay.autodiscover()  # every app's history.LABELS: codes in words (issue 18 point 5)

        from . import dashboard

        dashboard.register_public(title=_("办事指南"), url_name="public-guides", order=10)
        # 通知公告 (issue 23 point 3): declared workflow, the menu and the public home.
        from . import workflow
        from .announcements_workflow import ANNOUNCEMENT
        from .roles import Role

        workflow.register(ANNOUNCEMENT)
        from . import demo
        from .announcement_demo import seed_announcements

        demo.register(seed_announcements, order=15)
        dashboard.register_public(title=_("通知公告"), url_name="public-announcements", order=5)
        dashboard.register_nav(*Role, title=_("通知公告"),
                               url_name="public-announcements", order=95)

        from django.conf import settings

        from . import schedules

        # Issue 22 point 4: notifications whose e-mail was lost (broker down, worker killed) are sent, once.
        schedules.register("portal.send_unsent_emails", "portal.tasks.send_unsent_emails",
                           every_seconds=settings.EMAIL_RESEND_EVERY_SECONDS)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("试点申请")

    def ready(self):
        from portal import dashboard, demo
        from portal import workflow as wf_registry
        from portal.roles import BUREAU_ROLES, Role

        from .demo import seed_pilot_application
        from .workflow import APPLICATION

        wf_registry.register(APPLICATION)

        dashboard.register(
            Role.ENTERPRISE_USER, title=_("试点申请"), description=_("填写、提交二手车出口试点企业申请，查看办理进度。"),
            url_name="applications:list", order=10,
        )
        from .models import ApplicationStatus
        from .selectors import applications_visible_to

        dashboard.register(
            *BUREAU_ROLES, title=_("申请受理"), description=_("受理或退回补正企业提交的试点申请。"),
            url_name="applications:list", order=10, count_label=_("份待受理"),
            count=lambda user: applications_visible_to(user).filter(status=ApplicationStatus.SUBMITTED).count(),
        )
        dashboard.register_nav(Role.ENTERPRISE_USER, title=_("试点申请"), url_name="applications:list", order=10)
        dashboard.register_nav(*BUREAU_ROLES, Role.AUDITOR, title=_("申请受理"), url_name="applications:list", order=10)
        demo.register(seed_pilot_application, order=20)

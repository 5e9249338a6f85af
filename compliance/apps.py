from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("合规与退出")

    def ready(self):
        from django.conf import settings

        from portal import dashboard, demo, schedules
        from portal.roles import Role

        schedules.register("compliance.daily", "compliance.tasks.run_daily_compliance", daily_at=settings.COMPLIANCE_RUN_AT)
        bureau = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
        dashboard.register(*bureau, title=_("合规监管"), description=_("各试点企业的义务、逾期和剩余天数"),
                           url_name="compliance:dashboard", order=40)
        dashboard.register(Role.BUREAU_HEAD, title=_("待决定案件"), description=_("取消试点资格案件和整改通知的签发"),
                           url_name="compliance:case-list", order=41)
        dashboard.register(Role.ENTERPRISE_USER, title=_("我的义务"), description=_("本企业的义务和倒计时、整改、退出"),
                           url_name="compliance:dashboard", order=40)
        dashboard.register(Role.ENTERPRISE_USER, title=_("网络建设报告"), description=_("海外销售、售后服务网络和汽配件供应体系（第八条）"),
                           url_name="compliance:network-list", order=41)
        dashboard.register_nav(*bureau, Role.ENTERPRISE_USER, title=_("合规"), url_name="compliance:dashboard", order=40)
        dashboard.register_nav(*bureau, title=_("取消资格案件"), url_name="compliance:case-list", order=41)
        dashboard.register_public(title=_("取消试点资格公告"), url_name="compliance:public-revocations", order=40)

        from portal.services import pilot_designated
        from traceability.services import vehicle_cleared

        from .obligations import on_pilot_designated, on_vehicle_cleared

        pilot_designated.connect(on_pilot_designated, dispatch_uid="compliance.obligations_at_designation")
        vehicle_cleared.connect(on_vehicle_cleared, dispatch_uid="compliance.deregistration_at_clearance")

        from portal import workflow as wf_registry

        from .workflow import WORKFLOWS

        wf_registry.register(*WORKFLOWS)

        # 实施方案三(四) emergency response (compliance.incidents)
        schedules.register("compliance.incident_deadlines", "compliance.tasks.incident_deadlines", daily_at="07:30")
        dashboard.register(*bureau, Role.CUSTOMS_OFFICER, title=_("应急事件"),
                           description=_("出口车辆质量、欺诈等应急事件的涉及车辆、处置和结案"),
                           url_name="compliance:incident-list", order=42)
        dashboard.register(Role.ENTERPRISE_USER, title=_("应急处置"), description=_("市商务局责令的应急处置和逐车报告"),
                           url_name="compliance:incident-list", order=42)
        dashboard.register_nav(*bureau, Role.CUSTOMS_OFFICER, title=_("应急事件"), url_name="compliance:incident-list",
                               order=42)
        from .incidents.demo import seed_incident

        demo.register(seed_incident, order=950)

        from .demo import seed_obligations

        demo.register(seed_obligations, order=900)  # after every app's demo records

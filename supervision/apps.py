from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("监管与公共服务")

    def ready(self):
        from portal import dashboard, schedules, workflow
        from portal.roles import BUREAU_ROLES, Role

        from .workflow import COMPLAINT

        workflow.register(COMPLAINT)

        dashboard.register(*BUREAU_ROLES, title=_("统计分析"), description=_(
            "出口量、金额、许可证、注销登记及时性、投诉办理、试点节点与计划目标；季度评估报告"),
            url_name="supervision:statistics", order=80)
        from .models import ComplaintStatus
        from .selectors import complaints_visible_to

        def open_complaints(user):
            return complaints_visible_to(user).exclude(status=ComplaintStatus.CLOSED).count()

        dashboard.register(*BUREAU_ROLES, title=_("投诉处理"), description=_("分级、交办企业、督办、办结"),
                           url_name="supervision:complaint-list", order=70, count=open_complaints,
                           count_label=_("件未办结"))
        dashboard.register(Role.ENTERPRISE_USER, title=_("投诉答复"), description=_(
            "市商务局交办给本企业的投诉，须在期限内答复"), url_name="supervision:complaint-list", order=70,
            count=open_complaints, count_label=_("件未办结"))
        dashboard.register_nav(*BUREAU_ROLES, title=_("统计分析"), url_name="supervision:statistics", order=80)
        dashboard.register_nav(*BUREAU_ROLES, Role.ENTERPRISE_USER, title=_("投诉"),
                               url_name="supervision:complaint-list", order=70)
        dashboard.register_public(title=_("投诉与应急响应"), url_name="supervision:complaint-new", order=50)
        dashboard.register_public(title=_("试点企业名单"), url_name="supervision:pilot-enterprises", order=20)
        dashboard.register_public(title=_("政策文件：实施方案"), url_name="supervision:policy-plan", order=90)
        dashboard.register_public(title=_("政策文件：管理办法"), url_name="supervision:policy-measures", order=91)
        schedules.register("supervision.escalate_overdue_complaints",
                           "supervision.tasks.escalate_overdue_complaints", daily_at="07:00")

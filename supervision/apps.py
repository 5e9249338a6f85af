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
        dashboard.register_public(title=_("政策参数及历次调整"), url_name="supervision:policy-versions", order=92)
        # 好差评 (issue 23 point 4; 国办发〔2019〕51号)
        from .rating_models import FollowUpStatus
        from .ratings import follow_ups_visible_to, services_to_rate
        from .workflow import RATING_FOLLOW_UP

        workflow.register(RATING_FOLLOW_UP)
        from portal import demo

        from .rating_demo import seed_ratings

        demo.register(seed_ratings, order=170)  # after the demo application and licences
        dashboard.register(Role.ENTERPRISE_USER, title=_("服务评价"), description=_(
            "对办结的申请、许可证和退出决定评价（好差评）"), url_name="supervision:ratings", order=75,
            count=lambda user: len(services_to_rate(user)), count_label=_("项待评价"))
        dashboard.register(*BUREAU_ROLES, title=_("差评整改回访"), description=_(
            "差评在期限内整改回访并答复评价人；好差评按月统计"), url_name="supervision:follow-up-list", order=75,
            count=lambda user: follow_ups_visible_to(user).filter(status=FollowUpStatus.OPEN).count(),
            count_label=_("件待回访"))
        dashboard.register_nav(*BUREAU_ROLES, Role.ENTERPRISE_USER, title=_("服务评价"),
                               url_name="supervision:ratings", order=75)
        dashboard.register_public(title=_("服务评价统计（好差评）"), url_name="supervision:public-rating-figures",
                                  order=60)
        schedules.register("supervision.escalate_overdue_complaints",
                           "supervision.tasks.escalate_overdue_complaints", daily_at="07:00")
        self._ready_inspections_and_meetings()

    def _ready_inspections_and_meetings(self):
        """双随机、一公开 and the 联席会议 (issue 23)."""
        from portal import dashboard, demo, schedules, workflow
        from portal.roles import BUREAU_ROLES, Role

        from .workflow import INSPECTION_PLAN, JOINT_MEETING, MEETING_TASK

        workflow.register(INSPECTION_PLAN, JOINT_MEETING, MEETING_TASK)
        agencies = (Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER)
        dashboard.register(*BUREAU_ROLES, *agencies, title=_("双随机抽查"), description=_(
            "随机抽查计划：公布种子、随机抽取、检查记录、结果公开"), url_name="supervision:inspection-plan-list", order=75)
        dashboard.register(*BUREAU_ROLES, *agencies, title=_("联席会议"), description=_(
            "市商务局、公安交管、海关联席会议：议程、议定事项、会议纪要"), url_name="supervision:meeting-list", order=76)

        def open_tasks(user):
            from .meetings.models import TaskStatus
            from .meetings.selectors import tasks_visible_to

            return tasks_visible_to(user).filter(status=TaskStatus.OPEN).count()

        dashboard.register(*BUREAU_ROLES, *agencies, title=_("联席会议交办事项"), description=_(
            "本部门牵头办理的联席会议议定事项及其期限"), url_name="supervision:meeting-task-list", order=77,
            count=open_tasks, count_label=_("件办理中"))
        dashboard.register_nav(*BUREAU_ROLES, *agencies, title=_("联席会议"), url_name="supervision:meeting-list",
                               order=76)
        dashboard.register_public(title=_("双随机、一公开"), url_name="supervision:public-inspections", order=60)
        dashboard.register_public(title=_("随机抽查结果"), url_name="supervision:public-inspection-results", order=61)
        schedules.register("supervision.flag_overdue_inspection_results",
                           "supervision.tasks.flag_overdue_inspection_results", daily_at="07:10")
        from .inspections.demo import seed_inspections_and_meetings

        demo.register(seed_inspections_and_meetings, order=160)

"""Labels of the complaints' logged action codes (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "complaint.received": _("收到投诉"),
    "complaint.triaged": _("投诉分级"),
    "complaint.assigned": _("指派承办"),
    "complaint.answered": _("答复投诉"),
    "complaint.escalated": _("逾期升级督办"),
    "complaint.closed": _("投诉办结"),
    "complaint.revocation_requested": _("提请取消试点资格"),
    "rating.submitted": _("提交服务评价"),
    "rating_follow_up.opened": _("差评立案整改回访"),
    "rating_follow_up.resolved": _("差评整改回访并答复评价人"),
    # 双随机、一公开 (国办发〔2015〕58号)
    "inspection.inspector_added": _("加入执法检查人员名录"),
    "inspection.conflict_declared": _("登记回避申报"),
    "inspection.plan_created": _("制定随机抽查计划"),
    "inspection.seed_published": _("公布随机种子和名录"),
    "inspection.drawn": _("随机抽取检查对象和执法检查人员"),
    "inspection.visits_started": _("开始实施检查"),
    "inspection.visit_recorded": _("录入检查记录"),
    "inspection.result_published": _("公开检查结果"),
    "inspection.results_published": _("抽查结果全部公开"),
    "inspection.result_overdue": _("检查结果逾期未公开"),
    # 联席会议 (实施方案四(一))
    "meeting.convened": _("筹备联席会议"),
    "meeting.agenda_built": _("生成会议议程"),
    "meeting.held": _("记录会议召开"),
    "meeting.decision_recorded": _("记录议定事项"),
    "meeting.minutes_signed": _("签发会议纪要"),
    "meeting.task_opened": _("交办牵头部门"),
    "meeting.task_done": _("办结交办事项"),
}

"""Labels of review's logged action codes (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "review.round.created": _("创建评审批次"),
    "review.application.added": _("申请纳入评审"),
    "review.member.added": _("增补评审专家"),
    "review.conflict.declared": _("专家申报利益冲突情况"),
    "review.stage.material_review": _("记录材料审核"),
    "review.stage.defense": _("记录现场答辩"),
    "review.stage.site_visit": _("记录实地考察"),
    "review.stage.*": _("记录评审环节"),
    "review.site_visit.decided": _("决定是否实地考察"),
    "review.sheet.submitted": _("提交评分表"),
    "review.scoring.closed": _("结束评分"),
    "review.publicity.proposed": _("拟定公示名单"),
    "review.publicity.published": _("发布公示"),
    "review.objection.lodged": _("提出异议"),
    "review.objection.answered": _("答复异议"),
    "review.designated": _("确定试点企业"),
    "review.filed": _("报商务部备案"),
    "review.panel_day.created": _("召开答辩会"),
    "review.panel_day.agenda_set": _("编排答辩议程"),
    "review.panel_day.agenda_removed": _("移出答辩议程"),
    "review.panel_day.started": _("登记出席并开始答辩会"),
    "review.panel_day.closed": _("结束答辩会"),
    "review.panel_day.minutes_signed": _("签署答辩会会议纪要"),
    "review.panel_item.opened": _("开始答辩"),
    "review.panel_item.sheet_submitted": _("答辩会上提交评分表"),
    "review.panel_item.closed": _("结束本项答辩评分"),
}

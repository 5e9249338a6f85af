"""Labels of the application's logged action codes (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "application.created": _("创建申请"),
    "application.draft_saved": _("保存草稿"),
    "application.attachment_added": _("上传附件"),
    "application.attachment_removed": _("删除附件"),
    "application.submitted": _("提交申请"),
    "application.resubmitted": _("补正后重新提交"),
    "application.accepted": _("受理"),
    "application.returned": _("退回补正"),
    "application.finding_recorded": _("记录审查意见"),
    "application.in_review": _("转入专家评审"),
    "application.approved": _("确定为试点企业"),
    "application.rejected": _("不予通过"),
    "application.withdrawn": _("撤回申请"),
    "application.correction_*": _("补正期限届满的处理"),
    "vehicle_import.done": _("车辆批量导入完成"),
}

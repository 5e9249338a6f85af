"""Labels of case work's logged action codes (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

from .models import DecisionStatus, InformationStatus

LABELS = {
    "casework.assigned": _("指派经办人"),
    "casework.note": _("办理备注"),
    "casework.decision_prepared": _("拟办决定"),
    "casework.decision_authorised": _("签发决定"),
    "casework.decision_returned": _("退回拟办决定"),
    "casework.deemed_withdrawn": _("补正逾期视为撤回"),
    "casework.information_requested": _("通知补正材料"),
    "casework.information_answered": _("补正材料"),
    "casework.letter_regenerated": _("重新生成决定书"),
    "casework.discrepancy_resolved": _("核查处理数据不一致"),
}

# A decision's and a 补正's statuses, logged on the case they belong to.
OTHER_STATUSES = {**dict(DecisionStatus.choices), **{f"{k}": v for k, v in InformationStatus.choices}}

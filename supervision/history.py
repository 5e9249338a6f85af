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
}

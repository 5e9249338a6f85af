"""Labels of compliance's logged action codes (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "compliance.network_submitted": _("报送海外网点"),
    "compliance.network_decided": _("审核海外网点报送"),
    "compliance.rectification_prepared": _("拟办整改通知"),
    "compliance.rectification_ordered": _("下达整改通知"),
    "compliance.rectification_answered": _("报送整改情况"),
    "compliance.rectification_decided": _("审核整改情况"),
    "compliance.case_opened": _("立案并告知陈述申辩权利"),
    "compliance.case_answered": _("企业陈述申辩"),
    "compliance.case_decided": _("作出取消试点资格案件决定"),
    "compliance.case_published": _("公开取消试点资格决定"),
    "compliance.exit_applied": _("申请退出试点"),
    "compliance.exit_decided": _("审核退出申请"),
    "compliance.aftersales_breach": _("记录售后服务义务违反"),
    "compliance.scale_target_set": _("设定三年出口规模"),
    "compliance.incident_opened": _("应急事件立案"),
    "compliance.incident_vehicles_identified": _("确定应急事件涉及车辆"),
    "compliance.incident_order_prepared": _("拟办应急处置通知"),
    "compliance.incident_ordered": _("签发应急处置通知"),
    "compliance.incident_vehicle_reported": _("报告车辆处置情况"),
    "compliance.incident_hold_set": _("暂停涉事车型出口"),
    "compliance.incident_escalated": _("处置逾期，转入取消资格程序"),
    "compliance.incident_closed": _("应急事件结案"),
}

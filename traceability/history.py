"""Labels of the vehicle files' and licences' logged action codes (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "vehicle.registered": _("建立车辆档案"),
    "licence.requested": _("申领出口许可证"),
    "licence.prepared": _("拟办出口许可证"),
    "licence.issued": _("签发出口许可证"),
    "licence.used": _("许可证报关放行使用"),
    "licence.expired": _("许可证有效期届满失效"),
    "licence.suspended": _("暂停许可证"),
    "licence.reinstated": _("恢复许可证"),
    "licence.surrendered": _("企业交回许可证"),
    "licence.revoked": _("撤销许可证"),
    "licence.cancelled": _("注销许可证"),
    "licence.refused": _("不予签发许可证"),
    "traceability.hold_set": _("暂停该车型出口"),
    "traceability.hold_lifted": _("解除暂停出口"),
}

"""Labels of the action codes portal itself logs (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "account.two_factor_enabled": _("启用双因素认证"),
    "account.two_factor_reset": _("重置双因素认证"),
    "integration_key.issued": _("签发接口密钥"),
    "integration_key.revoked": _("吊销接口密钥"),
}

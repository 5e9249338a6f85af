"""Labels of the action codes portal itself logs (portal.logdisplay)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "account.two_factor_enabled": _("启用双因素认证"),
    "account.two_factor_reset": _("重置双因素认证"),
    "integration_key.issued": _("签发接口密钥"),
    "integration_key.revoked": _("吊销接口密钥"),
    "policy.prepared": _("拟定政策参数调整"),
    "policy.revised": _("修改拟定的政策参数"),
    "policy.returned": _("退回政策参数调整"),
    "policy.published": _("签发发布政策参数版本"),
    "announcement.created": _("新建通知公告"),
    "announcement.edited": _("修改通知公告草稿"),
    "announcement.published": _("发布通知公告"),
    "announcement.retracted": _("撤回通知公告"),
}

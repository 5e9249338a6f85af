"""The announcement workflow (通知公告, issue 23 point 3), declared once: draft → published → retracted.
The service (portal/announcements.py), the pages and the list read it."""

from django.utils.translation import gettext_lazy as _

from .announcement_models import AnnouncementStatus as S
from .roles import BUREAU_ROLES
from .workflow import Action, Step, Workflow

# 《中华人民共和国政府信息公开条例》第二十三条: the bureau publishes through its website and other channels;
# a notice once published is not silently changed: it is retracted with a public notice and the reason.
ARTICLE = _("《政府信息公开条例》第二十三条")

ANNOUNCEMENT = Workflow(
    kind="announcement", label=_("通知公告"), state_field="status", states=S,
    actions=(
        Action("edit", _("修改草稿"), (S.DRAFT,), BUREAU_ROLES, ARTICLE, target=S.DRAFT, waits=False),
        Action("publish", _("发布"), (S.DRAFT,), BUREAU_ROLES, ARTICLE, target=S.PUBLISHED, confirm=True,
               waits=False),
        Action("retract", _("撤回"), (S.PUBLISHED,), BUREAU_ROLES, ARTICLE, target=S.RETRACTED, confirm=True,
               waits=False),
    ),
    steps=(
        Step(_("草稿"), (S.DRAFT,)),
        Step(_("已发布"), (S.PUBLISHED,)),
        Step(_("已撤回"), (S.RETRACTED,)),
    ),
)

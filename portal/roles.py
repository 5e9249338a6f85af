"""Roles are Django groups, one per role; each is declared once here (icms perms.py habit)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    COMMERCE_BUREAU = "commerce_bureau", _("市商务局")
    POLICE = "police", _("公安交管")
    CUSTOMS = "customs", _("海关")
    INSPECTION_BODY = "inspection_body", _("第三方检测机构")


class Role(models.TextChoices):
    ENTERPRISE_USER = "enterprise_user", _("企业用户")
    BUREAU_OFFICER = "bureau_officer", _("商务局经办人")
    BUREAU_HEAD = "bureau_head", _("商务局负责人")
    EXPERT = "expert", _("评审专家")
    POLICE_OFFICER = "police_officer", _("交管民警")
    CUSTOMS_OFFICER = "customs_officer", _("海关关员")
    INSPECTOR = "inspector", _("检测机构人员")
    AUDITOR = "auditor", _("审计管理员")


# Which organisation kind a role's users belong to (experts may belong to any or none).
ROLE_ORGANISATION_KIND = {
    Role.ENTERPRISE_USER: OrganisationKind.ENTERPRISE,
    Role.BUREAU_OFFICER: OrganisationKind.COMMERCE_BUREAU,
    Role.BUREAU_HEAD: OrganisationKind.COMMERCE_BUREAU,
    Role.POLICE_OFFICER: OrganisationKind.POLICE,
    Role.CUSTOMS_OFFICER: OrganisationKind.CUSTOMS,
    Role.INSPECTOR: OrganisationKind.INSPECTION_BODY,
    Role.AUDITOR: OrganisationKind.COMMERCE_BUREAU,
}

BUREAU_ROLES = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
# Roles that must log in with a second factor (issue 9); enterprises may choose to.
TWO_FACTOR_ROLES = (
    Role.BUREAU_OFFICER,
    Role.BUREAU_HEAD,
    Role.POLICE_OFFICER,
    Role.CUSTOMS_OFFICER,
    Role.EXPERT,
    Role.AUDITOR,
)
# api.md v1.1 "Authentication": an official is every role but enterprise users; each needs a
# confirmed TOTP device for an API token (inspection bodies too, though their browser 2FA is optional).
OFFICIAL_ROLES = tuple(role for role in Role if role != Role.ENTERPRISE_USER)


def role_names(user) -> frozenset[str]:
    """The user's role codes, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._portal_role_names = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user) & {str(r) for r in roles})


def is_bureau(user) -> bool:
    return has_role(user, *BUREAU_ROLES)

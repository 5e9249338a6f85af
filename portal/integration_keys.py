"""Integration keys for agency systems (api.md v1.1 "Authentication"; issue 22 Build point 1).

Police, customs and inspection bodies' systems send `Authorization: Api-Key <key>`. The bureau
issues a key for one agency, with the event types it may record and an expiry; the key is shown
once and stored as a SHA-256 digest (a random 256-bit key needs no slow hash); revoking it, or its
expiry, ends it at once. A key reads what its agency may read and records only its event types.
"""

import hashlib
import secrets
from hmac import compare_digest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions, permissions

from .activity import log_action
from .models import IntegrationKey, User
from .roles import OrganisationKind, Role

KEYWORD = "Api-Key"
AGENCY_ROLE = {
    OrganisationKind.POLICE: Role.POLICE_OFFICER,
    OrganisationKind.CUSTOMS: Role.CUSTOMS_OFFICER,
    OrganisationKind.INSPECTION_BODY: Role.INSPECTOR,
}
PREFIX_LENGTH = 8


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


@transaction.atomic
def issue_key(*, organisation, name: str, event_types: list[str], expires_at, by) -> tuple[IntegrationKey, str]:
    """A new key for an agency; answers the key and the plaintext, which is never stored or shown again."""
    role = AGENCY_ROLE.get(organisation.kind)
    if role is None:
        raise ValidationError({"organisation": [_("接口密钥只发给公安交管、海关和检测机构。")]})
    if not event_types or not all(isinstance(t, str) and t for t in event_types):
        raise ValidationError({"event_types": [_("请至少选择一种事件类型。")]})
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": [_("有效期须晚于现在。")]})
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    plaintext = f"{prefix}.{secrets.token_urlsafe(32)}"
    account = User.objects.create(username=f"api-key-{prefix}", organisation=organisation, last_name=name[:150],
                                  is_active=True)
    account.set_unusable_password()
    account.save(update_fields=["password"])
    account.groups.set([Group.objects.get(name=str(role))])
    key = IntegrationKey.objects.create(
        name=name, organisation=organisation, account=account, prefix=prefix, digest=_digest(plaintext),
        event_types=sorted(set(event_types)), expires_at=expires_at, created_by=by,
    )
    log_action(key, "integration_key.issued", by, data={"event_types": key.event_types,
                                                        "expires_at": expires_at.isoformat()})
    return key, plaintext


@transaction.atomic
def revoke_key(key: IntegrationKey, *, by) -> IntegrationKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        User.objects.filter(pk=key.account_id).update(is_active=False)
        log_action(key, "integration_key.revoked", by)
    return key


def key_for(plaintext: str, now=None) -> IntegrationKey | None:
    """The usable key `plaintext` names, else None (unknown, wrong secret, expired or revoked)."""
    now = now or timezone.now()
    prefix, _dot, _secret = plaintext.partition(".")
    key = IntegrationKey.objects.select_related("account").filter(prefix=prefix).first()
    if key is None or not compare_digest(key.digest, _digest(plaintext)) or not key.is_usable(now):
        return None
    return key


class IntegrationKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("无效的接口密钥。"))
        try:
            plaintext = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("无效的接口密钥。")) from None
        key = key_for(plaintext)
        if key is None:
            raise exceptions.AuthenticationFailed(_("无效的接口密钥。"))
        now = timezone.now()
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
            IntegrationKey.objects.filter(pk=key.pk).update(last_used_at=now)
        return key.account, key

    def authenticate_header(self, request):
        return KEYWORD


class InIntegrationKeyScope(permissions.BasePermission):
    """A key reads what its agency reads, and may record only its event types (in every permission)."""

    message = property(lambda self: _("该接口密钥无权进行此操作。"))

    def has_permission(self, request, view):
        key = getattr(request, "auth", None)
        if not isinstance(key, IntegrationKey):
            return True
        if request.method in permissions.SAFE_METHODS:
            return True
        match = getattr(request._request, "resolver_match", None)
        if match is None or match.url_name != "api-vehicle-events":
            return False
        data = request.data
        return isinstance(data, dict) and data.get("type") in key.event_types

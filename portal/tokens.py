"""API tokens (api.md v1.1 "Authentication"; issue 22 point 1), kept by django-rest-knox.

knox stores only a SHA-512 digest of each token, gives every login a new token with its own
expiry, and lets one token be ended without touching the user's others. Here: the 8-hour life,
and the events that end every token of a user (a password change, a 2FA reset).
"""

import binascii
from datetime import datetime

from django.conf import settings
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions


def issue_token(user) -> tuple[str, datetime]:
    """A new token for `user` (shown once; only its digest is kept) and when it ends."""
    instance, token = AuthToken.objects.create(user, expiry=settings.API_TOKEN_TTL)
    return token, instance.expiry


def end_token(auth_token) -> None:
    if isinstance(auth_token, AuthToken):
        auth_token.delete()


def end_all_tokens(user) -> int:
    """A password change or a 2FA reset ends every API token of the user (api.md v1.1)."""
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


@receiver(post_delete, sender=TOTPDevice)
def _end_tokens_when_an_authenticator_is_removed(sender, instance, **kwargs):
    # A 2FA reset removes the confirmed authenticator, whichever way (service, admin, shell).
    if instance.confirmed:
        end_all_tokens(instance.user)


class PortalTokenAuthentication(KnoxTokenAuthentication):
    """knox's authentication, with a malformed header a 401 rather than a 500."""

    def authenticate_credentials(self, token):
        try:
            token.decode("ascii")
        except (UnicodeDecodeError, binascii.Error):
            raise exceptions.AuthenticationFailed(_("无效的令牌。")) from None
        if b"\x00" in token:
            raise exceptions.AuthenticationFailed(_("无效的令牌。"))
        return super().authenticate_credentials(token)

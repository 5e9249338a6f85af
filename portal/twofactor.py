"""Two-factor login (issue 9 point 2): TOTP for officials, optional for enterprises, recovery codes.

After the password, an official without a confirmed device is sent to set one up; one with a
device (and an enterprise user who chose to have one) enters a one-time code. Until then the
session is anonymous everywhere except the 2FA pages (TwoFactorMiddleware).
"""

import base64
import io

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .activity import log_action
from .roles import OFFICIAL_ROLES, TWO_FACTOR_ROLES, role_names

TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


class TwoFactorStep(models.TextChoices):
    NONE = "none", _("无需两步验证")
    SETUP = "setup", _("需要设置身份验证器")
    VERIFY = "verify", _("需要输入动态验证码")


# --- Rules (pure) ----------------------------------------------------------------------------------

def role_requires_two_factor(roles) -> bool:
    """Issue 9 point 2: bureau, police, customs, expert and auditor roles must use a second factor."""
    return bool({str(r) for r in roles} & {str(r) for r in TWO_FACTOR_ROLES})


def next_login_step(*, roles, has_confirmed_device: bool, verified: bool) -> TwoFactorStep:
    """Issue 9 point 2: what a password-authenticated session still has to do.

    A device, once confirmed, is always asked for (enterprises may opt in); an official without
    one must set one up first.
    """
    if verified:
        return TwoFactorStep.NONE
    if has_confirmed_device:
        return TwoFactorStep.VERIFY
    if role_requires_two_factor(roles):
        return TwoFactorStep.SETUP
    return TwoFactorStep.NONE


def token_login_step(*, roles, has_confirmed_device: bool) -> TwoFactorStep:
    """api.md v1.1 "Authentication": what a password-checked token request still needs.

    An official gets a token only with a valid otp from a confirmed device, so one without a device
    is sent to set it up in the browser (SETUP: a 403); anyone with a confirmed device — an
    enterprise user who opted in too — sends "otp" (VERIFY).
    """
    if has_confirmed_device:
        return TwoFactorStep.VERIFY
    if is_official(roles):
        return TwoFactorStep.SETUP
    return TwoFactorStep.NONE


def is_official(roles) -> bool:
    return bool({str(r) for r in roles} & {str(r) for r in OFFICIAL_ROLES})


# --- Reads -----------------------------------------------------------------------------------------

def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def step_for(user) -> TwoFactorStep:
    if not getattr(user, "is_authenticated", False):
        return TwoFactorStep.NONE
    verified = bool(getattr(user, "is_verified", lambda: False)())
    if verified:
        return TwoFactorStep.NONE
    # The request's user carries its confirmed devices, read with it (portal.auth_backend, issue 25).
    loaded = getattr(user, "_portal_confirmed_devices", None)
    has_device = bool(loaded) if loaded is not None else has_confirmed_device(user)
    return next_login_step(roles=role_names(user), has_confirmed_device=has_device, verified=False)


def provisioning_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG QR code in a data: URI (rendered here, no outside service)."""
    import qrcode
    import qrcode.image.svg

    buffer = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def manual_key(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


# --- State changes ---------------------------------------------------------------------------------

def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def confirm_device(user, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it; answer the new recovery codes (shown once).

    None when the code is wrong. Confirming replaces any earlier recovery codes.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("id").first()
        if device is None or not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        # Issue 22 point 1: a token issued on the password alone does not outlive the 2FA setup.
        from .tokens import end_all_tokens

        end_all_tokens(user)
        log_action(user, "account.two_factor_enabled", user)
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    return codes


def verify_code(user, token: str):
    """The device (authenticator, or recovery codes: each works once) that accepts `token`, else None."""
    token = (token or "").strip().replace(" ", "").lower()
    if not token:
        return None
    return match_token(user, token)


def devices(user):
    return list(devices_for_user(user, confirmed=True))


def reset_two_factor(user, *, by) -> None:
    """Remove the user's authenticator and recovery codes (a lost phone): the next login sets up anew.

    Every API token of the user ends with it (api.md v1.1; portal.tokens listens for the removal).
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        log_action(user, "account.two_factor_reset", by)


# --- Middleware ------------------------------------------------------------------------------------

class TwoFactorMiddleware:
    """Keeps a password-only session of a 2FA user anonymous until the second step is done.

    Public pages and logout work as for anyone; a protected page sends the visitor to the login
    page, which forwards a pending session to the setup or verify step. The API's session
    authentication sees an anonymous user too. Applies when settings.PORTAL_REQUIRE_2FA is True.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.two_factor_step = TwoFactorStep.NONE
        request.two_factor_user = None
        if settings.PORTAL_REQUIRE_2FA:
            step = step_for(request.user)
            if step != TwoFactorStep.NONE:
                request.two_factor_step = step
                request.two_factor_user = request.user
                request.user = AnonymousUser()
            else:
                # step_for has loaded the user: the rest of the request reads it directly, not through two
                # lazy proxies (the session's and django-otp's) on every attribute (issue 25).
                request.user = _loaded(request.user)
        return self.get_response(request)


def _loaded(user):
    while isinstance(user, LazyObject) and user._wrapped is not empty:
        user = user._wrapped
    return user

"""Login, two-factor setup and verification pages (issue 9 point 2)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from . import twofactor
from .lockout import report_failure
from .twofactor import TwoFactorStep

STEP_URL = {TwoFactorStep.SETUP: "two-factor-setup", TwoFactorStep.VERIFY: "two-factor-verify"}


class CodeForm(forms.Form):
    otp = forms.CharField(
        label=gettext_lazy("动态验证码"),
        max_length=16,
        help_text=gettext_lazy("身份验证器应用显示的 6 位数字，或一个恢复码。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _safe_next(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _step_redirect(step: TwoFactorStep, next_url: str) -> HttpResponseRedirect:
    return redirect(f"{reverse(STEP_URL[step])}?{urlencode({'next': next_url})}")


class PortalLoginView(auth_views.LoginView):
    """The password step; a session that still owes a second factor is forwarded to it."""

    redirect_authenticated_user = True
    extra_context = {"login_crumbs": [(gettext_lazy("登录"), None)]}

    def dispatch(self, request, *args, **kwargs):
        step = getattr(request, "two_factor_step", TwoFactorStep.NONE)
        if step != TwoFactorStep.NONE:
            return _step_redirect(step, _safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if not settings.PORTAL_REQUIRE_2FA:
            return response
        step = twofactor.step_for(form.get_user())
        if step == TwoFactorStep.NONE:
            return response
        return _step_redirect(step, self.get_success_url())


def _user_setting_up(request):
    """Who may see the setup page: a pending official, or a signed-in user without a device (opt-in)."""
    if request.two_factor_step == TwoFactorStep.SETUP:
        return request.two_factor_user
    if request.user.is_authenticated and not twofactor.has_confirmed_device(request.user):
        return request.user
    return None


def _finish(request, user, device) -> None:
    request.user = user
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@sensitive_post_parameters("otp")
def setup(request):
    user = _user_setting_up(request)
    if user is None:
        if request.two_factor_step == TwoFactorStep.VERIFY:
            return _step_redirect(TwoFactorStep.VERIFY, _safe_next(request))
        return redirect("login" if not request.user.is_authenticated else "two-factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_device(user, form.cleaned_data["otp"])
        if codes is not None:
            device = next(d for d in twofactor.devices(user) if d.name == twofactor.TOTP_DEVICE_NAME)
            _finish(request, user, device)
            return render(request, "registration/two_factor_recovery_codes.html",
                          {"codes": codes, "next": _safe_next(request), "crumbs": [(_("恢复码"), None)]})
        report_failure(request, user.get_username())
        form.add_error("otp", _("验证码不正确，请核对手机时间后重新输入。"))
    device = twofactor.pending_device(user)
    return render(request, "registration/two_factor_setup.html", {
        "form": form,
        "qr_data_uri": twofactor.provisioning_qr_data_uri(device),
        "manual_key": twofactor.manual_key(device),
        "next": _safe_next(request),
        "required": twofactor.role_requires_two_factor(user.roles),
        "crumbs": [(_("设置两步验证"), None)],
    })


@never_cache
@sensitive_post_parameters("otp")
def verify(request):
    if request.two_factor_step != TwoFactorStep.VERIFY:
        if request.two_factor_step == TwoFactorStep.SETUP:
            return _step_redirect(TwoFactorStep.SETUP, _safe_next(request))
        return redirect("login")
    user = request.two_factor_user
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify_code(user, form.cleaned_data["otp"])
        if device is not None:
            _finish(request, user, device)
            if device.name == twofactor.RECOVERY_DEVICE_NAME:
                messages.warning(request, _("您使用了一个恢复码，它已失效。剩余恢复码用完前请重新设置身份验证器。"))
            return redirect(_safe_next(request))
        report_failure(request, user.get_username())
        form.add_error("otp", _("验证码不正确。"))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _safe_next(request), "crumbs": [(_("两步验证"), None)]})


@never_cache
def overview(request):
    """A signed-in user's two-factor status, with the way to set it up (enterprises opt in here)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?{urlencode({'next': request.path})}")
    return render(request, "registration/two_factor_overview.html", {
        "enabled": twofactor.has_confirmed_device(request.user),
        "required": twofactor.role_requires_two_factor(request.user.roles),
        "crumbs": [(_("两步验证"), None)],
    })

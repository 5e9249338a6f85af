"""The portal's own middleware."""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What a view's csp_update / csp_replace / csp_exempt (and their report-only twins) leave on a response.
_VIEW_ADJUSTMENTS = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                     "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")


@cache
def _settings_policies() -> tuple[str, str] | None:
    """The two headers the settings alone give; None when a setting excludes URL prefixes."""
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        if (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES"):
            return None
    return build_policy(), build_policy(report_only=True)


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _settings_policies.cache_clear()


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the settings' policy built once per process instead of twice per
    request (issue 10: a tenth of the public VIN check's time went into rebuilding the same header).
    A response a view adjusted, a page that used a nonce, the debug pages and URL exclusions take
    django-csp's own path unchanged."""

    def process_response(self, request, response):
        policies = _settings_policies()
        if (policies is None or settings.DEBUG or getattr(request, "_csp_nonce", None) is not None
                or any(getattr(response, name, None) is not None for name in _VIEW_ADJUSTMENTS)):
            return super().process_response(request, response)
        for header, policy in zip((HEADER, HEADER_REPORT_ONLY), policies, strict=True):
            if policy and header not in response:
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class QueryLanguageMiddleware:
    """`?lang=ru` (api.md v1.1: the public verification page and API answer by Accept-Language or ?lang=)
    overrides the language LocaleMiddleware chose, for this request only; an unknown code is ignored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.GET.get("lang") if request.GET else None
        if code:
            from django.utils import translation

            supported = translation.get_supported_language_variant(code) if code in _language_codes() else None
            if supported:
                translation.activate(supported)
                request.LANGUAGE_CODE = supported
        return self.get_response(request)


@cache
def _language_codes() -> frozenset[str]:
    return frozenset(code for code, _name in settings.LANGUAGES)

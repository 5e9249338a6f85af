from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from traceability import api_urls as traceability_api_urls

from . import announcement_views, api, policy_views, twofactor_views, views

api_v1 = [
    path("public/", include(traceability_api_urls.public_urlpatterns)),
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("auth/logout/", api.LogoutView.as_view(), name="api-logout"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("calendar/working-days/", api.WorkingDaysView.as_view(), name="api-working-days"),
    path("calendar/deadline/", api.DeadlineView.as_view(), name="api-deadline"),
    path("", include("applications.api_urls")),
    path("", include("review.api_urls")),
    path("", include("traceability.api_urls")),
    path("", include("compliance.api_urls")),
    path("", include("supervision.api_urls")),
    path("", include("casework.api_urls")),
]

urlpatterns = [
    path("", views.public_home, name="public-home"),
    # The busiest routes first (issue 10): no other pattern starts with verify/ or api/v1/.
    path("", include("traceability.public_urls")),
    path("api/v1/", include(api_v1)),
    path("guide/", views.public_guides, name="public-guides"),
    path("guide/<slug:kind>/", views.public_guide, name="public-guide"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit_log, name="audit-log"),
    path("announcements/", announcement_views.announcement_list, name="public-announcements"),
    path("announcements/new/", announcement_views.announcement_new, name="announcement-new"),
    path("announcements/<int:pk>/", announcement_views.announcement_detail, name="public-announcement"),
    path("announcements/<int:pk>/edit/", announcement_views.announcement_edit, name="announcement-edit"),
    path("announcements/<int:pk>/publish/", announcement_views.announcement_publish, name="announcement-publish"),
    path("announcements/<int:pk>/retract/", announcement_views.announcement_retract, name="announcement-retract"),
    # Issue 24: policy versions, the bureau's side (the public page is supervision's policy pages).
    path("policy/versions/", policy_views.version_list, name="policy-version-list"),
    path("policy/versions/new/", policy_views.version_new, name="policy-version-new"),
    path("policy/versions/<int:pk>/", policy_views.version_detail, name="policy-version-detail"),
    path("policy/versions/<int:pk>/edit/", policy_views.version_edit, name="policy-version-edit"),
    path("policy/versions/<int:pk>/<slug:action>/", policy_views.version_action, name="policy-version-action"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_mark_read, name="inbox-mark-read"),
    path("inbox/settings/", views.toggle_email, name="inbox-settings"),
    path("accounts/login/", twofactor_views.PortalLoginView.as_view(), name="login"),
    path("accounts/2fa/", twofactor_views.overview, name="two-factor"),
    path("accounts/2fa/setup/", twofactor_views.setup, name="two-factor-setup"),
    path("accounts/2fa/verify/", twofactor_views.verify, name="two-factor-verify"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(extra_context={"account_crumbs": [(_("修改密码"), None)]}),
        name="password_change",
    ),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in through the portal's login, so the second factor cannot be bypassed there.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # CSP: Swagger UI's script is served as a file (split view); its page keeps one inline <style>,
    # and ReDoc starts from an inline script, so those two third-party pages relax the CSP for it.
    path(
        "api/docs/",
        csp_update({"style-src": [CSP_UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        csp_update({"style-src": [CSP_UNSAFE_INLINE], "script-src": [CSP_UNSAFE_INLINE]})(
            SpectacularRedocView.as_view(url_name="schema")
        ),
        name="api-redoc",
    ),
    path("applications/", include("applications.urls")),
    path("review/", include("review.urls")),
    path("vehicles/", include("traceability.urls")),
    path("compliance/", include("compliance.urls")),
    path("supervision/", include("supervision.urls")),
    path("casework/", include("casework.urls")),
]


if settings.PORTAL_BENCH_FLOOR:  # issue 25: bench/floor.py's trivial views, only when the benchmark asks
    from bench.floor import urlpatterns as bench_floor_urlpatterns

    urlpatterns = bench_floor_urlpatterns + urlpatterns


handler400 = "portal.error_pages.bad_request"
handler403 = "portal.error_pages.permission_denied"
handler404 = "portal.error_pages.page_not_found"
handler500 = "portal.error_pages.server_error"

"""The portal's own endpoints: token login and the public working-day calendar."""

from django.contrib.auth import authenticate, logout
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from . import tokens, twofactor
from .api_support import BoundedDateField
from .lockout import report_failure
from .passwords import password_expired
from .periods import FIRST_YEAR, LAST_YEAR, PeriodUnit, legal_period
from .workdays import working_period


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, max_length=4096)
    otp = serializers.CharField(
        required=False, allow_blank=True, max_length=16,
        help_text="One-time code (TOTP, RFC 6238) or a recovery code; required from every official "
        "and from an enterprise user with a confirmed device.",
    )

    def validate(self, attrs):
        request = self.context["request"]
        # django-axes reads and flags the Django request, not DRF's wrapper.
        http_request = getattr(request, "_request", request)
        user = authenticate(request=http_request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("用户名或密码不正确。")]}, code="authorization"
            )
        if password_expired(user):
            raise PasswordExpired()
        step = twofactor.token_login_step(roles=user.roles, has_confirmed_device=twofactor.has_confirmed_device(user))
        if step == twofactor.TwoFactorStep.SETUP:
            raise TwoFactorRequired()
        if step == twofactor.TwoFactorStep.VERIFY:
            otp = (attrs.get("otp") or "").strip()
            if not otp:
                raise serializers.ValidationError({"otp": [_("该账户须两步验证，请同时提交动态验证码（otp）。")]},
                                                  code="otp_required")
            if twofactor.verify_code(user, otp) is None:
                report_failure(request, user.get_username())
                raise serializers.ValidationError({"otp": [_("动态验证码不正确。")]}, code="otp_invalid")
        attrs["user"] = user
        return attrs


class _NoToken(exceptions.PermissionDenied):
    """A 403 that names why no token is given, in api.md's refusal shape (detail, code, reasons)."""

    default_code = ""
    message = ""

    def __init__(self):
        message = str(self.message)
        super().__init__({"detail": message, "code": self.default_code,
                          "reasons": [{"code": self.default_code, "article": "", "message": message}]})


class TwoFactorRequired(_NoToken):
    """api.md v1.1: an official without a confirmed device gets no token (403, two_factor_required)."""

    default_code = "two_factor_required"
    message = _("官方用户须先在浏览器中登录并设置两步验证（身份验证器），之后才能获取接口令牌。")


class PasswordExpired(_NoToken):
    """PASSWORD_MAX_AGE_DAYS passed since the last change: no token until it is changed in the browser."""

    default_code = "password_expired"
    message = _("密码已过期，请先在浏览器中登录并修改密码。")


class TokenView(APIView):
    """POST /api/v1/auth/token/ {"username", "password"[, "otp"]} → {"token", "expires_at"}.

    Every login gets a new token (hashed by knox, ending after API_TOKEN_TTL); failures count per
    account and address (django-axes); a locked account answers 429 with a message.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = TokenRequestSerializer

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField(),
                                                     "expires_at": serializers.DateTimeField()}),
            400: OpenApiResponse(description="Wrong credentials, or a missing or wrong one-time code (field `otp`)."),
            403: inline_serializer("TwoFactorRequiredResponse", {
                "detail": serializers.CharField(), "code": serializers.CharField(),
                "reasons": serializers.ListField(child=serializers.DictField())}),
            429: inline_serializer("LockedOutResponse", {"detail": serializers.CharField()}),
        },
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        # A success resets the account's failure count (django-axes listens) and sets last_login.
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        token, expires_at = tokens.issue_token(user)
        return Response({"token": token, "expires_at": timezone.localtime(expires_at)})


class LogoutView(APIView):
    """POST /api/v1/auth/logout/: ends the token the request is sent with (204); other tokens stay."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        tokens.end_token(request.auth)
        if request.auth is None:  # a browser session
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WorkingDaysQuery(serializers.Serializer):
    start = BoundedDateField()
    days = serializers.IntegerField(min_value=1, max_value=3650)


class WorkingDaysView(APIView):
    """GET /api/v1/calendar/working-days/?start=YYYY-MM-DD&days=N (no login)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, required=True, description="YYYY-MM-DD"),
            OpenApiParameter("days", int, required=True, description="N ≥ 1"),
        ],
        responses={
            200: inline_serializer(
                "WorkingDaysResponse",
                {
                    "start": serializers.DateField(),
                    "days": serializers.IntegerField(),
                    "ends_on": serializers.DateField(),
                    "provisional": serializers.BooleanField(),
                },
            )
        },
        auth=[],
    )
    def get(self, request):
        query = WorkingDaysQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = working_period(query.validated_data["start"], query.validated_data["days"])
        return Response(
            {"start": period.start, "days": period.days, "ends_on": period.ends_on, "provisional": period.provisional}
        )


class DeadlineQuery(serializers.Serializer):
    days = serializers.IntegerField(required=False, min_value=1, max_value=36500)
    months = serializers.IntegerField(required=False, min_value=1, max_value=1200)
    working_days = serializers.IntegerField(required=False, min_value=1, max_value=3650)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField()  # a Python keyword: declared here
        return fields

    def validate_from(self, value):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise serializers.ValidationError(_("日期须在 1950 年至 2100 年之间。"))
        return value

    def validate(self, attrs):
        units = [u for u in PeriodUnit.ALL if attrs.get(u) is not None]
        if len(units) != 1:
            raise serializers.ValidationError(
                {"days": [_("请只给出一种期间单位：days、months 或 working_days。")]})
        return attrs


class DeadlineView(APIView):
    """GET /api/v1/calendar/deadline/?from=YYYY-MM-DD&days=N|months=N|working_days=N (no login).

    api.md v1.1 "Legal periods": the day of the act is not counted; a days or months period ending
    on a rest day ends on the next working day. The same function states every date of a letter,
    a case or a clock (portal.periods.legal_period).
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, required=True, description="YYYY-MM-DD, the day of the act"),
            OpenApiParameter("days", int, required=False, description="calendar days, N ≥ 1"),
            OpenApiParameter("months", int, required=False, description="months (add_months), N ≥ 1"),
            OpenApiParameter("working_days", int, required=False, description="working days, N ≥ 1"),
        ],
        responses={
            200: inline_serializer(
                "DeadlineResponse",
                {"from": serializers.DateField(), "ends_on": serializers.DateField(),
                 "provisional": serializers.BooleanField()},
            ),
            400: OpenApiResponse(description="N < 1, two units, or a date outside 1950–2100 (names the field)."),
        },
        auth=[],
    )
    def get(self, request):
        query = DeadlineQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        unit = {u: data[u] for u in PeriodUnit.ALL if data.get(u) is not None}
        period = legal_period(data["from"], **unit)
        return Response({"from": period.start, "ends_on": period.ends_on, "provisional": period.provisional})


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")
    roles = serializers.SerializerMethodField()
    # An expert may belong to no organisation: both are null then (the schema says so; issue 9 point 7).
    organisation = serializers.CharField(source="organisation.name", default=None, allow_null=True)
    organisation_kind = serializers.CharField(source="organisation.kind", default=None, allow_null=True)

    def get_roles(self, user) -> list[str]:
        return sorted(user.roles)


class MeView(APIView):
    """GET /api/v1/me/: who the token belongs to, with roles and organisation."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)

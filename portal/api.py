"""The portal's own endpoints: token login and the public working-day calendar."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .workdays import working_period


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs):
        user = authenticate(
            request=self.context.get("request"), username=attrs["username"], password=attrs["password"]
        )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("用户名或密码不正确。")]}, code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenView(APIView):
    """POST /api/v1/auth/token/ {"username", "password"} → {"token"}."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = TokenRequestSerializer

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class WorkingDaysQuery(serializers.Serializer):
    start = serializers.DateField()
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


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")
    roles = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="organisation.name", default=None)
    organisation_kind = serializers.CharField(source="organisation.kind", default=None)

    def get_roles(self, user) -> list[str]:
        return sorted(user.roles)


class MeView(APIView):
    """GET /api/v1/me/: who the token belongs to, with roles and organisation."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)

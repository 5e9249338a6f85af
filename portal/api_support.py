"""DRF glue shared by every app: pagination, error conventions of api.md, role permissions."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import RuleRefused
from .roles import has_role
from .scope import InAuditorScope


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    if isinstance(exc, RuleRefused):
        return Response(exc.as_dict(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {f: [str(m) for e in errs for m in e.messages] for f, errs in exc.error_dict.items()}
        else:
            data = {"non_field_errors": [str(m) for m in exc.messages]}
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


def role_permission(*roles):
    """A DRF permission class that admits users holding any of `roles`."""

    from .integration_keys import InIntegrationKeyScope

    class HasRole(permissions.BasePermission):
        allowed_roles = tuple(str(r) for r in roles)

        def has_permission(self, request, view):
            return bool(request.user and request.user.is_authenticated and has_role(request.user, *self.allowed_roles)
                        and InAuditorScope().has_permission(request, view)
                        and InIntegrationKeyScope().has_permission(request, view))

    HasRole.__name__ = "HasRole_" + "_".join(str(r) for r in roles)
    return HasRole


# api.md v1.1 "Bad input": dates outside 1950–2100 are a 400 (beyond them date arithmetic overflows).
EARLIEST_DATE, LATEST_DATE = date(1950, 1, 1), date(2100, 12, 31)


def validate_date_in_range(value: date) -> date:
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise serializers.ValidationError(_("日期须在 1950-01-01 至 2100-12-31 之间。"))
    return value


class BoundedDateField(serializers.DateField):
    """A DateField for input: YYYY-MM-DD between 1950-01-01 and 2100-12-31."""

    def __init__(self, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", []), validate_date_in_range]
        super().__init__(**kwargs)


class ActionsField(serializers.ListField):
    """api.md v1.1 "Actions": exactly the actions the requesting user may take on the case now,
    read from the case kind's declared workflow (portal.workflow)."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("help_text", "Action codes the requesting user may take on this case now.")
        super().__init__(child=serializers.CharField(), read_only=True, source="*", **kwargs)

    def to_representation(self, obj):
        from django.utils import timezone

        from . import workflow

        request = self.context.get("request")
        if request is None:
            return []
        return workflow.get(self.kind).allowed_codes(obj, request.user, timezone.localdate())

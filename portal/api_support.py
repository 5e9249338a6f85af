"""DRF glue shared by every app: pagination, error conventions of api.md, role permissions."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, permissions, status
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

"""What a declared workflow's service allows, asked of the service itself (issue 18's generated tests)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from portal.errors import RuleRefused


class _Rollback(Exception):
    pass


def service_allows(call, *, bad_input_is_allowed: bool = False) -> bool:
    """Run `call` in a savepoint and undo it: True when the service let it through. A 400 on the test's
    input (ValidationError) counts as allowed where the input is not what the test is about."""
    try:
        with transaction.atomic():
            call()
            raise _Rollback
    except _Rollback:
        return True
    except ValidationError:
        return bad_input_is_allowed
    except (PermissionDenied, RuleRefused):
        return False

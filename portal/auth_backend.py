"""The signed-in user of a request in one query (issue 25).

Every page of a signed-in user needed, before its view ran: the session, the user, the user's roles
(groups), whether the user has a confirmed second-factor device (TwoFactorMiddleware, one query per device
kind) and, for an official, the device the session was verified with (django-otp's OTPMiddleware), then the
user's organisation for the header: six queries and ~2.7 ms of CPU per request. Now the session is one
query and everything else one more: the user with the organisation joined, the role names and the ids of
the confirmed devices of every kind as arrays. The checks are the same, on data read at the start of the
same request:

- the session's user, its session hash and `is_active` (Django's `get_user` and ModelBackend);
- TwoFactorMiddleware: a password-only session of a user with a confirmed device, or of an official,
  stays anonymous (`twofactor.step_for` reads the devices loaded here);
- OTPMiddleware: the session is verified only if the device it was verified with still exists, is
  confirmed and belongs to the user (`PortalOTPMiddleware`, django-otp's own check otherwise).
"""

import functools

from django.contrib.auth.backends import ModelBackend
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY, device_classes
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device


@functools.cache
def _device_models() -> tuple:
    """django-otp's device models (fixed once the apps are loaded; device_classes() walks every app's models)."""
    return tuple(device_classes())


@functools.cache
def _statement() -> str:
    """The one SELECT, composed once per process from the models' tables and columns (quoted identifiers)
    and rendered to text (the ORM took ~1 ms of CPU to compile the same query with its subqueries on every
    request)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from psycopg2.sql import SQL, Identifier

    User = get_user_model()
    Organisation = User._meta.get_field("organisation").related_model
    groups = User._meta.get_field("groups")
    through = groups.remote_field.through._meta

    def columns(alias, model):
        return SQL(", ").join(SQL(alias + ".{}").format(Identifier(f.column)) for f in model._meta.concrete_fields)

    devices = SQL("").join(
        SQL(", ARRAY(SELECT d.id FROM {} d WHERE d.{} = u.id AND d.confirmed)").format(
            Identifier(m._meta.db_table), Identifier(m._meta.get_field("user").column))
        for m in _device_models())
    statement = SQL(
        "SELECT {user_cols}, {org_cols},"
        " ARRAY(SELECT g.name FROM {groups} g JOIN {through} ug ON ug.{group_id} = g.id WHERE ug.{user_id} = u.id)"
        "{devices} FROM {users} u LEFT JOIN {orgs} o ON o.id = u.{org_id} WHERE u.id = %s"
    ).format(
        user_cols=columns("u", User), org_cols=columns("o", Organisation),
        groups=Identifier(groups.related_model._meta.db_table), through=Identifier(through.db_table),
        group_id=Identifier(through.get_field("group").column),
        user_id=Identifier(through.get_field(User._meta.model_name).column),
        devices=devices, users=Identifier(User._meta.db_table), orgs=Identifier(Organisation._meta.db_table),
        org_id=Identifier(User._meta.get_field("organisation").column),
    )
    connection.ensure_connection()
    return statement.as_string(connection.connection)


def signed_in_user(user_id):
    """The user with its organisation (as select_related leaves it), role names and confirmed devices, or None."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    User = get_user_model()
    try:
        user_id = User._meta.pk.to_python(user_id)
    except Exception:  # noqa: BLE001 - a session naming no valid id is no user
        return None
    with connection.cursor() as cursor:
        cursor.execute(_statement(), [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    user_fields = User._meta.concrete_fields
    field = User._meta.get_field("organisation")
    org_fields = field.related_model._meta.concrete_fields
    n, m = len(user_fields), len(org_fields)
    user = User.from_db(connection.alias, [f.attname for f in user_fields], row[:n])
    organisation = None
    if row[n] is not None:
        organisation = field.related_model.from_db(connection.alias, [f.attname for f in org_fields], row[n:n + m])
    field.set_cached_value(user, organisation)
    user._portal_role_names = frozenset(row[n + m])
    user._portal_confirmed_devices = frozenset(
        f"{model.model_label()}/{pk}" for model, ids in zip(_device_models(), row[n + m + 1:], strict=True)
        for pk in ids)
    return user


class PortalBackend(ModelBackend):
    """ModelBackend whose `get_user` (the session's user, every request) reads `signed_in_user`."""

    def get_user(self, user_id):
        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class PortalOTPMiddleware(OTPMiddleware):
    """django-otp's middleware; for a user loaded by PortalBackend the session's device is checked against
    the confirmed devices loaded with the user (the same check as `_finalize_device`: it exists, is
    confirmed and is the user's), and the device row itself is read only if something asks for it."""

    def _verify_user_sync(self, request, user):
        confirmed = getattr(user, "_portal_confirmed_devices", None) if user.is_authenticated else None
        if confirmed is None:
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if persistent_id:
            persistent_id = self._normalize_persistent_id(persistent_id)
            if persistent_id in confirmed:
                user.otp_device = SimpleLazyObject(functools.partial(Device.from_persistent_id, persistent_id))
            else:
                del request.session[DEVICE_ID_SESSION_KEY]
        return user

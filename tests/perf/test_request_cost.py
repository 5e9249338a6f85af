"""Issue 25: what a signed-in request costs before its view runs, and the queries of the busiest pages, exactly.

A signed-in page reads the session (1 query) and the user with its organisation, roles and confirmed
second-factor devices (1 query: portal.auth_backend); the header's unread count is read once, when shown.
These guards count exactly, so a per-request query that comes back (a second device lookup, the roles, the
organisation, an ORM count) fails here. The security checks the merged read keeps are tested beside them.
"""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.perf.helpers import add_vehicles

pytestmark = pytest.mark.django_db


def main_table(sql: str) -> str:
    """The table a query reads outside its subqueries (else the first one it reads)."""
    names = []
    for match in re.finditer(r'FROM\s+"?(\w+)"?', sql):
        depth = sql.count("(", 0, match.start()) - sql.count(")", 0, match.start())
        names.append((depth, match.group(1)))
    return min(names, key=lambda item: item[0])[1] if names else sql[:20]


def tables(captured) -> list[str]:
    """The table each query reads, in order."""
    return [main_table(q["sql"]) for q in captured]


def verified_client(user, device) -> Client:
    """A session that passed the second factor with `device` (what django_otp.login leaves in it)."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_issue_25_the_enterprise_vehicle_list_takes_exactly_five_queries(enterprise_user, require_two_factor,
                                                                          django_assert_num_queries):
    """Session, user (with organisation, roles, devices), the page's rows, its count, the unread badge."""
    add_vehicles(enterprise_user.organisation, enterprise_user, 30)  # two pages: the count is read
    client = Client()
    client.force_login(enterprise_user)
    client.get("/vehicles/")
    with CaptureQueriesContext(connection) as ctx, django_assert_num_queries(5):
        response = client.get("/vehicles/")
    assert response.status_code == 200 and len(response.context["page"]) == 25
    # the rows; the header's badge; the count, when the pagination below the table is rendered
    assert tables(ctx.captured_queries) == ["django_session", "portal_user", "traceability_vehicle",
                                            "portal_notification", "traceability_vehicle"]
    assert enterprise_user.organisation.name in response.content.decode()  # the header's organisation: joined


def test_issue_25_an_officials_page_after_the_second_factor_reads_no_device_table(bureau_officer,
                                                                                   require_two_factor):
    """OTPMiddleware's check (the session's device exists, is confirmed, is the user's) is made on the devices
    read with the user: no query on a device table, none on the groups."""
    device = TOTPDevice.objects.create(user=bureau_officer, name="authenticator", confirmed=True)
    client = verified_client(bureau_officer, device)
    assert client.get("/vehicles/").status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/vehicles/").status_code == 200
    read = tables(ctx.captured_queries)
    assert read[:2] == ["django_session", "portal_user"]
    assert not [t for t in read if t.startswith(("otp_", "auth_group", "portal_user_groups", "portal_organisation"))]


def test_issue_25_a_page_without_the_badge_does_not_count_notifications(enterprise_user):
    """The unread count is computed where shown: a JSON answer through the session does not read it."""
    client = Client()
    client.force_login(enterprise_user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/me/").status_code == 200
    assert "portal_notification" not in tables(ctx.captured_queries)


def test_issue_25_the_public_verification_page_takes_exactly_one_query(issued_vehicle, client,
                                                                         django_assert_num_queries):
    """The page, as the API (traceability's test_public_verification): the one prepared query, nothing more
    for an anonymous visitor (no session, no user, no count)."""
    client.get(f"/verify/{issued_vehicle.vin}/")
    with django_assert_num_queries(1):
        assert client.get(f"/verify/{issued_vehicle.vin}/").status_code == 200


# --- the checks the merged read keeps (issue 9 point 2: MLPS session and second-factor rules) ------------

@pytest.mark.parametrize("change", ["deleted", "unconfirmed", "another_users"])
def test_issue_9_a_session_whose_device_is_gone_is_no_longer_verified(change, bureau_officer, bureau_head,
                                                                      require_two_factor):
    """Issue 9 point 2 (officials must pass the second factor): the device a session was verified with must
    still exist, be confirmed and be the user's, on every request."""
    device = TOTPDevice.objects.create(user=bureau_officer, name="authenticator", confirmed=True)
    client = verified_client(bureau_officer, device)
    assert client.get("/vehicles/").status_code == 200
    if change == "deleted":
        device.delete()
        TOTPDevice.objects.create(user=bureau_officer, name="authenticator", confirmed=True)  # a new one
    elif change == "unconfirmed":
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    else:
        TOTPDevice.objects.filter(pk=device.pk).update(user=bureau_head)
    response = client.get("/vehicles/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert DEVICE_ID_SESSION_KEY not in Session.objects.get(
        session_key=client.session.session_key).get_decoded()  # forgotten, as django-otp does


@pytest.mark.parametrize("device_model", [TOTPDevice, StaticDevice])
def test_issue_9_an_enterprise_user_who_opted_in_is_anonymous_until_the_second_factor(device_model, enterprise_user,
                                                                                     require_two_factor):
    """Issue 9 point 2: a confirmed device of any kind (authenticator or recovery codes) is always asked for."""
    client = Client()
    client.force_login(enterprise_user)
    assert client.get("/vehicles/").status_code == 200
    device_model.objects.create(user=enterprise_user, name="d", confirmed=True)
    response = client.get("/vehicles/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_issue_9_a_deactivated_user_or_a_changed_password_ends_the_session(enterprise_user):
    """Django's own checks stay: is_active and the session's password hash are read on every request."""
    client = Client()
    client.force_login(enterprise_user)
    assert client.get("/vehicles/").status_code == 200
    enterprise_user.set_password("Another-Password-2026")
    enterprise_user.save()
    assert client.get("/vehicles/").status_code == 302
    other = Client()
    other.force_login(enterprise_user)
    type(enterprise_user).objects.filter(pk=enterprise_user.pk).update(is_active=False)
    assert other.get("/vehicles/").status_code == 302


def test_issue_20_an_expired_session_is_read_as_none(enterprise_user):
    """The session read without the ORM (portal.session_store) keeps the expiry rule: expire_date > now."""
    client = Client()
    client.force_login(enterprise_user)
    assert client.get("/vehicles/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get("/vehicles/").status_code == 302


def test_issue_25_the_user_read_in_one_query_is_the_user(enterprise_user, bureau_officer):
    """Every field, the organisation, the roles and the devices are those of the ORM's own reads."""
    from portal.auth_backend import signed_in_user
    from portal.roles import role_names

    TOTPDevice.objects.create(user=bureau_officer, name="a", confirmed=True)
    unconfirmed = TOTPDevice.objects.create(user=bureau_officer, name="b", confirmed=False)
    static = StaticDevice.objects.create(user=bureau_officer, name="r", confirmed=True)
    for user in (enterprise_user, bureau_officer):
        fresh = type(user).objects.get(pk=user.pk)
        loaded = signed_in_user(str(user.pk))
        assert {f.attname: getattr(loaded, f.attname) for f in type(user)._meta.concrete_fields} == \
            {f.attname: getattr(fresh, f.attname) for f in type(user)._meta.concrete_fields}
        assert loaded.organisation == fresh.organisation and loaded.organisation.name == fresh.organisation.name
        assert loaded._portal_role_names == frozenset(fresh.groups.values_list("name", flat=True)) == role_names(fresh)
    assert signed_in_user(str(bureau_officer.pk))._portal_confirmed_devices == {
        f"otp_totp.totpdevice/{TOTPDevice.objects.get(name='a').pk}", f"otp_static.staticdevice/{static.pk}"}
    assert unconfirmed.persistent_id not in signed_in_user(bureau_officer.pk)._portal_confirmed_devices
    assert signed_in_user("not a number") is None and signed_in_user(10**9) is None
    assert SESSION_KEY  # the session key Django stores the id under: what signed_in_user is given


def test_issue_25_the_floor_views_are_not_served_unless_the_benchmark_asks(client):
    """bench/floor.py's routes exist only with PORTAL_BENCH_FLOOR (bench/bench_http.py's own gunicorn)."""
    assert client.get("/_bench/floor/").status_code == 404
    assert client.get("/_bench/floor.json").status_code == 404


def test_issue_25_the_floor_view_does_one_select(rf, django_assert_num_queries):
    from bench.floor import floor

    with django_assert_num_queries(1):
        assert floor(rf.get("/_bench/floor/")).content == b"floor 1\n"


@pytest.fixture
def issued_vehicle(enterprise_user):
    return add_vehicles(enterprise_user.organisation, enterprise_user, 1)[0]


def test_issue_25_the_vehicle_page_reads_its_events_once_and_shows_a_tampered_chain(issued, pilot_user):
    """domain-rules.md "hash": the vehicle page verifies the chain from the very rows it shows (one read of the
    events, not two), so a payload changed behind the database's back shows as a broken chain at once."""
    from traceability.tests.helpers import tamper

    _licence, vehicle = issued
    client = Client()
    client.force_login(pilot_user)
    url = f"/vehicles/{vehicle.vin}/"
    assert "档案链完整" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert tables(ctx.captured_queries).count("traceability_traceevent") == 1
    tamper("UPDATE traceability_traceevent SET payload = %s WHERE vehicle_id = %s AND seq = 1",
           ['{"certificate_number": "晋A-ZY-2"}', vehicle.pk])
    assert "档案链在第 1 条记录处不一致" in client.get(url).content.decode()


@pytest.fixture
def issued(pilot_user, bureau_officer, bureau_head):
    """A ready vehicle with its events and an issued licence (traceability's own fixture)."""
    from traceability.services import apply_for_licence, issue_licence
    from traceability.tests.helpers import Officials, make_ready, register

    today = timezone.localdate()
    vehicle = make_ready(register(pilot_user), Officials(), on=today, today=today)
    licence = apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    return issue_licence(licence, actor=bureau_head, today=today), vehicle


def test_the_written_out_statements_name_the_models_tables_and_columns():
    """The session and unread-count statements are plain text (no SQL assembled per request); they must name
    what the models name, or a renamed table would be read from nowhere."""
    from portal import selectors, session_store
    from portal.models import Notification

    assert f'FROM "{Session._meta.db_table}"' in session_store._SESSION_SQL
    for column in ("session_key", "session_data", "expire_date"):
        assert f'"{Session._meta.get_field(column).column}"' in session_store._SESSION_SQL
    assert f'FROM "{Notification._meta.db_table}"' in selectors._UNREAD_SQL
    for column in ("recipient", "read_at"):
        assert f'"{Notification._meta.get_field(column).column}"' in selectors._UNREAD_SQL

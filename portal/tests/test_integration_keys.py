"""api.md v1.1 "Authentication": agency systems use integration keys — scoped to event types,
expiring, revocable, shown once, stored hashed, sent as `Authorization: Api-Key <key>`."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.integration_keys import issue_key, revoke_key
from portal.models import IntegrationKey
from supervision.tests.helpers import make_vehicle
from tests.factories import PilotEnterpriseFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_key(police_officer, bureau_officer):
    return issue_key(organisation=police_officer.organisation, name="交管业务系统", event_types=["theft_flag"],
                     expires_at=timezone.now() + timedelta(days=90), by=bureau_officer)


@pytest.fixture
def vehicle(db):
    from portal.roles import Role

    pilot = PilotEnterpriseFactory()
    return make_vehicle(pilot, make_user(Role.ENTERPRISE_USER, organisation=pilot))


def keyed(api, plaintext):
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {plaintext}")
    return client


def test_a_key_is_stored_only_as_a_digest_and_reads_as_its_agency(api, police_key, vehicle):
    key, plaintext = police_key
    assert plaintext not in (key.digest, key.prefix) and len(key.digest) == 64
    assert keyed(api, plaintext).get(f"/api/v1/vehicles/{vehicle.vin}/").status_code == 200


def test_a_key_records_the_event_types_in_its_scope_and_no_other(api, police_key, vehicle):
    _key, plaintext = police_key
    client = keyed(api, plaintext)
    inside = client.post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
        "type": "theft_flag", "occurred_on": date(2026, 1, 5).isoformat(), "description": "被盗抢"}, format="json")
    assert inside.status_code in (201, 400), inside.content  # in scope: the body is judged on its fields
    outside = client.post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
        "type": "deregistration", "occurred_on": date(2026, 1, 5).isoformat()}, format="json")
    assert outside.status_code == 403


def test_an_expired_or_revoked_key_is_a_401(api, police_key, bureau_officer, vehicle):
    key, plaintext = police_key
    IntegrationKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert keyed(api, plaintext).get(f"/api/v1/vehicles/{vehicle.vin}/").status_code == 401
    IntegrationKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() + timedelta(days=1))
    revoke_key(key, by=bureau_officer)
    assert keyed(api, plaintext).get(f"/api/v1/vehicles/{vehicle.vin}/").status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_a_401(api, police_key, vehicle):
    key, _plaintext = police_key
    assert keyed(api, f"{key.prefix}.not-the-secret").get(f"/api/v1/vehicles/{vehicle.vin}/").status_code == 401


def test_keys_are_issued_to_agencies_only(enterprise_user, bureau_officer):
    with pytest.raises(ValidationError):
        issue_key(organisation=enterprise_user.organisation, name="x", event_types=["sale"],
                  expires_at=timezone.now() + timedelta(days=1), by=bureau_officer)

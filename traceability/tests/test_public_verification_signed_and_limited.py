"""Issue 21 / api.md v1.1: a check code per licence (licence numbers are sequential), every public answer
signed with a published Ed25519 key, and a per-address limit that holds with Redis down too."""

import base64
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from portal.pdf import pdf_text
from traceability import documents

pytestmark = pytest.mark.django_db


def _holds(answer: dict, keys: list[dict]) -> bool:
    """An outsider's check, from api.md alone."""
    public = {k["key_id"]: k["public_key"] for k in keys}[answer["signature"]["key_id"]]
    body = {k: v for k, v in answer.items() if k != "signature"}
    data = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    unb64 = lambda text: base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))  # noqa: E731
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public)).verify(unb64(answer["signature"]["value"]), data)
    except InvalidSignature:
        return False
    return True


def test_without_the_check_code_a_licence_answer_says_only_its_number_and_status(api, issued):
    licence, vehicle = issued
    url = f"/api/v1/public/licences/{licence.number}/"
    assert len(licence.check_code) == 8 and licence.check_code.isalnum()
    for params in ({}, {"code": "WRONG123"}):
        body = api(None).get(url, params).json()
        assert set(body) == {"number", "status", "signature"} and body["status"] == "issued"
    full = api(None).get(url, {"code": licence.check_code.lower()}).json()
    assert full["vins"] == [vehicle.vin] and full["enterprise"] == vehicle.enterprise.name


def test_the_check_code_is_shown_to_the_enterprise_and_the_bureau_and_printed_with_the_qr(api, client, issued,
                                                                                         pilot_user, bureau_officer,
                                                                                         customs_officer):
    licence, vehicle = issued
    for user in (pilot_user, bureau_officer):
        assert api(user).get(f"/api/v1/licences/{licence.pk}/").json()["check_code"] == licence.check_code
    assert api(customs_officer).get(f"/api/v1/licences/{licence.pk}/").json()["check_code"] is None
    assert documents.public_licence_url(licence).endswith(f"/verify/licence/{licence.number}/?code={licence.check_code}")
    assert licence.check_code in pdf_text(documents.licence_pdf(licence))
    page = client.get(f"/verify/licence/{licence.number}/").content.decode()
    assert vehicle.vin not in page and 'name="code"' in page
    assert vehicle.vin in client.get(f"/verify/licence/{licence.number}/", {"code": licence.check_code}).content.decode()


def test_licence_and_vehicle_answers_are_signed_and_a_changed_byte_fails(api, issued):
    licence, vehicle = issued
    anonymous = api(None)
    keys = anonymous.get("/api/v1/public/keys/").json()["keys"]
    assert keys[0]["alg"] == "Ed25519" and len(base64.urlsafe_b64decode(keys[0]["public_key"] + "=")) == 32
    answers = [anonymous.get(f"/api/v1/public/licences/{licence.number}/").json(),
               anonymous.get(f"/api/v1/public/licences/{licence.number}/", {"code": licence.check_code}).json(),
               anonymous.get(f"/api/v1/public/vehicles/{vehicle.vin}/").json()]
    for answer in answers:
        assert _holds(answer, keys)
    vehicle_answer = answers[2]
    assert not _holds(dict(vehicle_answer, vin=vehicle.vin[:-1] + ("0" if vehicle.vin[-1] != "0" else "1")), keys)
    assert not _holds(dict(vehicle_answer, chain_valid=not vehicle_answer["chain_valid"]), keys)
    assert not _holds(dict(answers[0], status="revoked"), keys)


def test_an_old_key_stays_published_with_its_date_when_a_new_one_signs(api, issued, settings, tmp_path):
    licence, _vehicle = issued
    anonymous = api(None)
    old = anonymous.get("/api/v1/public/keys/").json()["keys"]
    settings.VERIFY_SIGNING_KEY = str(tmp_path / "new.pem")
    from traceability.signatures import make_demo_key

    make_demo_key(tmp_path / "new.pem")
    answer = anonymous.get(f"/api/v1/public/licences/{licence.number}/").json()
    keys = anonymous.get("/api/v1/public/keys/").json()["keys"]
    assert [k["key_id"] for k in keys[:-1]] == [k["key_id"] for k in old] and len(keys) == len(old) + 1
    assert answer["signature"]["key_id"] == keys[-1]["key_id"] and keys[-1]["valid_from"] >= old[-1]["valid_from"]
    assert _holds(answer, keys)


@pytest.mark.parametrize("redis_up", [True, False], ids=["with Redis", "Redis down"])
def test_beyond_the_published_rate_an_address_gets_429_with_retry_after(api, client, issued, settings, redis_up):
    licence, vehicle = issued
    settings.PUBLIC_VERIFY_RATE = "5/minute"
    if not redis_up:
        settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    anonymous = api(None)
    for _ in range(4):
        assert anonymous.get(f"/api/v1/public/vehicles/{vehicle.vin}/").status_code == 200
    assert client.get(f"/verify/{vehicle.vin}/").status_code == 200  # the pages count too
    refused = anonymous.get(f"/api/v1/public/licences/{licence.number}/")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    page = client.get(f"/verify/{vehicle.vin}/")
    assert page.status_code == 429 and 1 <= int(page["Retry-After"]) <= 60
    assert anonymous.get("/api/v1/public/tree-heads/", REMOTE_ADDR="203.0.113.9").status_code == 200  # another address


def test_the_limit_counts_an_ipv6_client_per_64_block(rf):
    from traceability.public_limit import client_address

    one = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_address(one) == client_address(other) == "2001:db8:1:2::/64"
    assert client_address(rf.get("/", REMOTE_ADDR="::ffff:198.51.100.7")) == "198.51.100.7"

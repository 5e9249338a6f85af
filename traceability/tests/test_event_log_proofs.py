"""Issue 21 / api.md v1.1: the event log is one RFC 6962 Merkle tree over every trace event (ascending id).
Its heads, inclusion proofs and consistency proofs are checked here against a second implementation of
RFC 9162 §2.1, written from the RFC in this file and sharing no code with traceability.merkle."""

import base64
import hashlib
import json
import os

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import call_command
from django.utils import timezone

from traceability import merkle
from traceability.eventlog import publish_tree_head
from traceability.models import TraceEvent
from traceability.tests.helpers import register


# --- RFC 9162 §2.1, independently: the recursive definitions as the RFC states them ---------------------
def rfc_mth(d: list[bytes]) -> bytes:
    n = len(d)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + d[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + rfc_mth(d[:k]) + rfc_mth(d[k:])).digest()


def rfc_path(m: int, d: list[bytes]) -> list[bytes]:
    n = len(d)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return rfc_path(m, d[:k]) + [rfc_mth(d[k:])]
    return rfc_path(m - k, d[k:]) + [rfc_mth(d[:k])]


def rfc_subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [rfc_mth(d)]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return rfc_subproof(m, d[:k], b) + [rfc_mth(d[k:])]
    return rfc_subproof(m - k, d[k:], False) + [rfc_mth(d[:k])]


def rfc_proof(m: int, d: list[bytes]) -> list[bytes]:
    return rfc_subproof(m, d, True) if 0 < m < len(d) else []


def rfc_root_from_path(index: int, size: int, leaf: bytes, path: list[bytes]) -> bytes:
    """§2.1.3.2, step by step."""
    fn, sn, r = index, size - 1, hashlib.sha256(b"\x00" + leaf).digest()
    for p in path:
        assert sn != 0
        if fn % 2 == 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + p + r).digest()
            while fn % 2 == 0 and fn != 0:
                fn //= 2
                sn //= 2
        else:
            r = hashlib.sha256(b"\x01" + r + p).digest()
        fn //= 2
        sn //= 2
    assert sn == 0
    return r


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signature_holds(answer: dict, keys: dict) -> bool:
    body = {k: v for k, v in answer.items() if k != "signature"}
    data = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    try:
        Ed25519PublicKey.from_public_bytes(unb64(keys[answer["signature"]["key_id"]])).verify(
            unb64(answer["signature"]["value"]), data)
    except InvalidSignature:
        return False
    return True


# --- The pure tree, every small size ---------------------------------------------------------------
def test_roots_and_proofs_of_every_tree_up_to_40_leaves_are_those_of_the_rfc():
    leaves = [os.urandom(32) for _ in range(40)]
    for n in range(1, 41):
        tree = merkle.Tree(n, lambda lo, hi: leaves[lo:hi])
        assert tree.root() == rfc_mth(leaves[:n]) == merkle.root_of(leaves[:n])
        for m in range(n):
            path = tree.inclusion_proof(m)
            assert path == rfc_path(m, leaves[:n])
            assert merkle.verify_inclusion(m, n, leaves[m], path, rfc_mth(leaves[:n]))
            assert not merkle.verify_inclusion(m, n, os.urandom(32), path, rfc_mth(leaves[:n]))
        for m in range(1, n + 1):
            proof = tree.consistency_proof(m)
            assert proof == rfc_proof(m, leaves[:n])
            assert merkle.verify_consistency(m, n, rfc_mth(leaves[:m]), rfc_mth(leaves[:n]), proof)
            if m < n:
                assert not merkle.verify_consistency(m, n, os.urandom(32), rfc_mth(leaves[:n]), proof)


# --- The log in the database, through the public API -------------------------------------------------
def _add_events(vehicle, count: int) -> None:
    """Leaves only: the log does not read the chain, so these events carry random hashes."""
    start = TraceEvent.objects.filter(vehicle=vehicle).count()
    now = timezone.now()
    TraceEvent.objects.bulk_create(
        TraceEvent(vehicle=vehicle, seq=start + i + 1, type="refurbishment", occurred_on=now.date(),
                   payload={"description": "x"}, recorded_at=now, recorded_by=vehicle.created_by,
                   recorded_by_username="x", prev_hash="0" * 64, hash=os.urandom(32).hex())
        for i in range(count))


def _leaves() -> list[bytes]:
    return [bytes.fromhex(h) for h in TraceEvent.objects.order_by("id").values_list("hash", flat=True)]


@pytest.mark.django_db
def test_heads_inclusion_and_consistency_proofs_over_several_blocks_verify_independently(api, pilot_user):
    vehicle = register(pilot_user)
    anonymous = api(None)
    _add_events(vehicle, 300)
    first = publish_tree_head()
    _add_events(vehicle, 2 * merkle.BLOCK_SIZE + 7)
    second = publish_tree_head()
    leaves = _leaves()
    assert (first.tree_size, second.tree_size) == (300, len(leaves))
    keys = {k["key_id"]: k["public_key"] for k in anonymous.get("/api/v1/public/keys/").json()["keys"]}

    latest = anonymous.get("/api/v1/public/tree-heads/latest/").json()
    assert latest["tree_size"] == len(leaves) and bytes.fromhex(latest["root_hash"]) == rfc_mth(leaves)
    assert signature_holds(latest, keys)
    listed = anonymous.get("/api/v1/public/tree-heads/").json()
    assert listed["count"] == 2 and [h["tree_size"] for h in listed["results"]] == [len(leaves), 300]
    assert all(signature_holds(h, keys) for h in listed["results"])
    assert bytes.fromhex(listed["results"][1]["root_hash"]) == rfc_mth(leaves[:300])

    events = list(TraceEvent.objects.order_by("id").values_list("seq", flat=True))
    for index in (0, 1, 255, 256, 299, 300, 511, 512, len(leaves) - 1):
        for size in (300, len(leaves)):
            if index >= size:
                continue
            body = anonymous.get(f"/api/v1/public/vehicles/{vehicle.vin}/events/{events[index]}/proof/",
                                 {"tree_size": size}).json()
            path = [bytes.fromhex(p) for p in body["audit_path"]]
            assert (body["leaf_index"], body["tree_size"]) == (index, size)
            assert bytes.fromhex(body["leaf"]) == leaves[index]
            assert path == rfc_path(index, leaves[:size])
            assert rfc_root_from_path(index, size, leaves[index], path) == rfc_mth(leaves[:size])
            assert signature_holds(body, keys)

    body = anonymous.get("/api/v1/public/consistency/", {"first": 300, "second": len(leaves)}).json()
    assert (body["first"], body["second"]) == (300, len(leaves)) and signature_holds(body, keys)
    assert [bytes.fromhex(p) for p in body["proof"]] == rfc_proof(300, leaves)


@pytest.mark.django_db
def test_proofs_are_only_against_published_heads(api, pilot_user):
    vehicle = register(pilot_user)
    _add_events(vehicle, 3)
    publish_tree_head()
    _add_events(vehicle, 1)
    anonymous = api(None)
    assert anonymous.get(f"/api/v1/public/vehicles/{vehicle.vin}/events/2/proof/", {"tree_size": 2}).status_code == 404
    # the fourth event is not in the published head yet
    assert anonymous.get(f"/api/v1/public/vehicles/{vehicle.vin}/events/4/proof/", {"tree_size": 3}).status_code == 404
    assert anonymous.get(f"/api/v1/public/vehicles/{vehicle.vin}/events/2/proof/", {"tree_size": "x"}).status_code == 400
    assert anonymous.get("/api/v1/public/consistency/", {"first": 3, "second": 4}).status_code == 404
    assert anonymous.get("/api/v1/public/consistency/", {"first": 4, "second": 3}).status_code == 400


@pytest.mark.django_db
def test_a_head_or_proof_with_one_byte_changed_no_longer_verifies(api, pilot_user):
    vehicle = register(pilot_user)
    _add_events(vehicle, 5)
    publish_tree_head()
    anonymous = api(None)
    keys = {k["key_id"]: k["public_key"] for k in anonymous.get("/api/v1/public/keys/").json()["keys"]}
    head = anonymous.get("/api/v1/public/tree-heads/latest/").json()
    assert signature_holds(head, keys)
    changed = dict(head, root_hash=("0" if head["root_hash"][0] != "0" else "1") + head["root_hash"][1:])
    assert not signature_holds(changed, keys)
    assert not signature_holds(dict(head, tree_size=head["tree_size"] + 1), keys)


@pytest.mark.django_db
def test_publish_tree_head_prints_the_signed_head_and_beat_publishes_daily_at_tree_head_at(pilot_user, capsys,
                                                                                           settings):
    from portal.schedules import all_schedules

    _add_events(register(pilot_user), 2)
    call_command("publish_tree_head")
    printed = json.loads(capsys.readouterr().out)
    assert printed["tree_size"] == 2 and printed["signature"]["alg"] == "Ed25519"
    assert ("traceability.publish_tree_head", "traceability.publish_tree_head", "daily",
            settings.TREE_HEAD_AT) in all_schedules()
    assert settings.TREE_HEAD_AT == "23:55"

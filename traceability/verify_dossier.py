"""Check a vehicle dossier PDF against a published tree head, with no database and no network (issue 21).

    python -m traceability.verify_dossier DOSSIER.pdf --head HEAD.json [--keys KEYS.json]
                                                      [--consistency PROOF.json]

HEAD.json is a head as published (GET /api/v1/public/tree-heads/latest/, an item of /tree-heads/, or the
copy at a mirror). KEYS.json (GET /api/v1/public/keys/) adds a check of the head's Ed25519 signature. When
HEAD.json is later than the head the dossier was proven against, PROOF.json (GET /api/v1/public/
consistency/?first=M&second=N) links the two.

For each event the dossier's attachment carries (event-log-proof.json): its hash recomputed from its fields
(domain-rules.md), the chain (prev_hash), and its inclusion proof up to the head's root (RFC 9162 §2.1.3.2).
Exit status 0 when every event is proven, 1 otherwise. Needs only this package's merkle module, pypdf and
cryptography: it imports no Django.
"""

import argparse
import base64
import hashlib
import io
import json
import sys

from traceability import merkle

ATTACHMENT = "event-log-proof.json"  # eventlog.DOSSIER_ATTACHMENT
GENESIS = "0" * 64


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def event_hash(vin: str, event: dict, prev_hash: str) -> str:
    body = {"vin": vin, "seq": event["seq"], "type": event["type"], "occurred_on": event["occurred_on"],
            "payload": event["payload"], "recorded_at": event["recorded_at"], "recorded_by": event["recorded_by"],
            "prev_hash": prev_hash}
    return hashlib.sha256(canonical(body)).hexdigest()


def read_attachment(pdf: bytes) -> dict:
    from pypdf import PdfReader

    files = PdfReader(io.BytesIO(pdf)).attachments
    if ATTACHMENT not in files:
        raise ValueError(f"the PDF carries no {ATTACHMENT}: not a dossier with event-log proofs")
    return json.loads(files[ATTACHMENT][0])


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def head_signature_holds(head: dict, keys: dict) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    signature = head.get("signature") or {}
    public = {k["key_id"]: k["public_key"] for k in keys.get("keys", [])}.get(signature.get("key_id"))
    if public is None:
        return False
    body = {k: v for k, v in head.items() if k != "signature"}
    try:
        Ed25519PublicKey.from_public_bytes(_unb64(public)).verify(_unb64(signature["value"]), canonical(body))
    except (InvalidSignature, ValueError, KeyError):
        return False
    return True


def verify(pdf: bytes, head: dict, *, keys: dict | None = None, consistency: dict | None = None) -> list[str]:
    """The problems found (empty: every event of the dossier is proven to be in the log of `head`)."""
    problems = []
    proof = read_attachment(pdf)
    if keys is not None and not head_signature_holds(head, keys):
        problems.append("the head's signature does not verify with the published keys")
    proven_head = proof.get("head")
    if proven_head is None:
        return problems + ["the dossier was printed before any head was published"]
    root = bytes.fromhex(proven_head["root_hash"])
    if proven_head["tree_size"] == head["tree_size"] and proven_head["root_hash"] != head["root_hash"]:
        return problems + [f"the head of size {head['tree_size']} has another root than the one the dossier is "
                           "proven against: they are not the same log"]
    if (proven_head["tree_size"], proven_head["root_hash"]) != (head["tree_size"], head["root_hash"]):
        if consistency is None:
            return problems + [f"the dossier is proven against the head of size {proven_head['tree_size']}, "
                               f"not {head['tree_size']}: add --consistency (GET /api/v1/public/consistency/"
                               f"?first={proven_head['tree_size']}&second={head['tree_size']})"]
        if (consistency.get("first"), consistency.get("second")) != (proven_head["tree_size"], head["tree_size"]) \
                or not merkle.verify_consistency(proven_head["tree_size"], head["tree_size"], root,
                                                 bytes.fromhex(head["root_hash"]),
                                                 [bytes.fromhex(p) for p in consistency.get("proof", [])]):
            return problems + ["the dossier's head is not consistent with the given head"]
    prev = GENESIS
    for event in proof["events"]:
        seq = event["seq"]
        if event["prev_hash"] != prev:
            problems.append(f"event {seq}: its prev_hash does not follow the event before it")
        digest = event_hash(proof["vin"], event, event["prev_hash"])
        if digest != event["hash"]:
            problems.append(f"event {seq}: its fields do not hash to the hash it carries")
        prev = event["hash"]
        inclusion = event.get("inclusion")
        if inclusion is None:
            problems.append(f"event {seq}: recorded after the head, not yet proven")
        elif inclusion["tree_size"] != proven_head["tree_size"] or not merkle.verify_inclusion(
                inclusion["leaf_index"], inclusion["tree_size"], bytes.fromhex(digest),
                [bytes.fromhex(p) for p in inclusion["audit_path"]], root):
            problems.append(f"event {seq}: its inclusion proof does not lead to the head's root")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m traceability.verify_dossier", description=__doc__.split("\n")[0])
    parser.add_argument("pdf", help="the dossier PDF")
    parser.add_argument("--head", required=True, help="a published tree head (JSON)")
    parser.add_argument("--keys", help="the published keys (JSON of GET /api/v1/public/keys/)")
    parser.add_argument("--consistency", help="a consistency proof from the dossier's head to --head (JSON)")
    args = parser.parse_args(argv)

    def load(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    with open(args.pdf, "rb") as f:
        pdf = f.read()
    try:
        problems = verify(pdf, load(args.head), keys=load(args.keys) if args.keys else None,
                          consistency=load(args.consistency) if args.consistency else None)
        vin, count = (lambda p: (p["vin"], len(p["events"])))(read_attachment(pdf))
    except (ValueError, KeyError, TypeError) as error:
        sys.stderr.write(f"cannot check {args.pdf}: {error}\n")
        return 1
    for problem in problems:
        sys.stdout.write(f"FAIL {problem}\n")
    if problems:
        return 1
    sys.stdout.write(f"OK {vin}: all {count} events are in the log of the head of size {load(args.head)['tree_size']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

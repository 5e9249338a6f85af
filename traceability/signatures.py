"""Signed public answers (api.md v1.1): Ed25519 over canonical JSON, with the keys published.

The private key is a PEM file named by settings.VERIFY_SIGNING_KEY (PKCS#8, Ed25519); empty: the demo key
under var/verify-signing/, which `seed_demo` makes (and the embedded default makes on first use). Each key
is recorded in SigningKey the first time it signs, and stays published with its date after it is replaced.
"""

import base64
import functools
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

DEMO_DIR_NAME = "verify-signing"
ALG = "Ed25519"


def canonical_json(answer: dict) -> bytes:
    """api.md: json.dumps(sort_keys, no spaces, ensure_ascii=False) as UTF-8; signed answers carry no floats."""
    _refuse_floats(answer)
    return json.dumps(answer, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _refuse_floats(value) -> None:
    if isinstance(value, float):
        raise TypeError("a signed answer carries no floating-point numbers")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_floats(item)


def plain(answer: dict) -> dict:
    """The answer as JSON will carry it (dates as ISO strings, decimals as strings), so what is signed is
    exactly what is sent."""
    return json.loads(json.dumps(answer, cls=DjangoJSONEncoder))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def key_path() -> Path:
    configured = getattr(settings, "VERIFY_SIGNING_KEY", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / DEMO_DIR_NAME / "ed25519.pem"


def make_demo_key(path: Path | None = None) -> bool:
    """A demo Ed25519 key; answers False when the file exists."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = path or key_path()
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.write_bytes(pem)
    path.chmod(0o600)
    return True


@functools.cache
def _load(path: str, mtime: float):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path}: VERIFY_SIGNING_KEY must be an Ed25519 private key")
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key, hashlib.sha256(raw).hexdigest()[:16], b64url(raw)


def private_key():
    """(key, key_id, public_key base64url). A missing key stops the portal unless it is the embedded demo."""
    path = key_path()
    if not path.exists():
        if getattr(settings, "VERIFY_SIGNING_KEY", "") or not (settings.DEBUG or _embedded()):
            raise ImproperlyConfigured(
                f"Signing key {path} missing: set VERIFY_SIGNING_KEY, or run `manage.py seed_demo` for a demo key.")
        make_demo_key(path)
    return _load(str(path), path.stat().st_mtime)


def _embedded() -> bool:
    import os

    return os.environ.get("PORTAL_EMBEDDED", "") not in ("", "0", "false", "False")


_recorded: set[str] = set()


def current_key_id(*, check: bool = False) -> str:
    """The signing key's id, recorded in SigningKey (with its first use as valid_from) if it is new; a process
    asks the database once (`check`: again)."""
    from .models import SigningKey

    _key, key_id, public = private_key()
    if check or key_id not in _recorded:
        if not SigningKey.objects.filter(key_id=key_id).exists():
            try:
                with transaction.atomic():
                    SigningKey.objects.create(key_id=key_id, public_key=public, valid_from=timezone.now())
            except IntegrityError:  # another process recorded it first
                pass
        _recorded.add(key_id)
    return key_id


def sign_bytes(data: bytes) -> dict:
    key, _key_id, _public = private_key()
    return {"alg": ALG, "key_id": current_key_id(), "value": b64url(key.sign(data))}


def signed(answer: dict) -> dict:
    """The answer with its top-level `signature` (api.md v1.1)."""
    body = plain({k: v for k, v in answer.items() if k != "signature"})
    return {**body, "signature": sign_bytes(canonical_json(body))}


def published_keys() -> list[dict]:
    from .models import SigningKey

    current_key_id(check=True)
    return [
        {"key_id": k.key_id, "alg": ALG, "public_key": k.public_key,
         "valid_from": timezone.localtime(k.valid_from).isoformat()}
        for k in SigningKey.objects.order_by("valid_from", "id")
    ]


def verify(answer: dict, public_keys: dict[str, str]) -> bool:
    """Check a signed answer against {key_id: public_key base64url}: what an outsider does."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    signature = answer.get("signature") or {}
    public = public_keys.get(signature.get("key_id"))
    if public is None or signature.get("alg") != ALG:
        return False
    body = {k: v for k, v in answer.items() if k != "signature"}
    try:
        Ed25519PublicKey.from_public_bytes(_unb64url(public)).verify(_unb64url(signature["value"]),
                                                                      canonical_json(body))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return False
    return True


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def now_text() -> str:
    """A publication time as signed: ISO 8601 with the portal's offset, whole seconds."""
    return timezone.localtime(timezone.now()).replace(microsecond=0).isoformat()



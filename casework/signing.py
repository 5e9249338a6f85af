"""Digital signatures on issued letters (PAdES with pyHanko).

Production names the bureau's key and certificate in settings LETTER_SIGNING_KEY and
LETTER_SIGNING_CERT (PEM files); `seed_demo` makes a demo key and a self-signed certificate
under var/letter-signing/, which is also where the embedded default looks.
"""

import asyncio
import datetime
import functools
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEMO_DIR_NAME = "letter-signing"
SIGNATURE_FIELD = "BureauSignature"


def key_path() -> Path:
    configured = getattr(settings, "LETTER_SIGNING_KEY", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / DEMO_DIR_NAME / "key.pem"


def cert_path() -> Path:
    configured = getattr(settings, "LETTER_SIGNING_CERT", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / DEMO_DIR_NAME / "cert.pem"


def make_demo_credentials(key_file: Path, cert_file: Path, *, authority: str) -> bool:
    """A demo RSA key and a 10-year self-signed certificate; answers False when both exist."""
    if key_file.exists() and cert_file.exists():
        return False
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, authority),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{authority}（演示电子签章）"),
    ])
    now = datetime.datetime.now(datetime.UTC)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    key_file.parent.mkdir(parents=True, exist_ok=True)
    cert_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_file.chmod(0o600)
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return True


def has_credentials() -> bool:
    return key_path().exists() and cert_path().exists()


def _require_credentials() -> tuple[Path, Path]:
    key_file, cert_file = key_path(), cert_path()
    if not (key_file.exists() and cert_file.exists()):
        raise ImproperlyConfigured(
            "Letter signing key or certificate missing: set LETTER_SIGNING_KEY and LETTER_SIGNING_CERT, "
            "or run `manage.py seed_demo` for a demo certificate."
        )
    return key_file, cert_file


def _outside_event_loop(fn):
    """pyHanko signs and validates with asyncio.run(), which refuses to run in a thread whose event loop
    is running (an async caller, Playwright's sync API): there the call runs in a worker thread."""

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return fn(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(fn, *args, **kwargs).result()

    return call


@_outside_event_loop
def sign_pdf(pdf: bytes, *, reason: str, location: str) -> bytes:
    """Sign the whole PDF with an incremental update (one signature field)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    key_file, cert_file = _require_credentials()
    signer = signers.SimpleSigner.load(str(key_file), str(cert_file))
    meta = signers.PdfSignatureMetadata(field_name=SIGNATURE_FIELD, reason=reason, location=location)
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer).getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    valid: bool  # intact, cryptographically valid and made with the trusted certificate
    intact: bool
    signer: str
    message: str


@_outside_event_loop
def verify_pdf(pdf: bytes) -> SignatureCheck:
    """pyHanko's validation against the bureau certificate as the only trust root."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _key, cert_file = _require_credentials()
    try:
        signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
        if not signatures:
            return SignatureCheck(False, False, "", "no signature")
        context = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_file))], allow_fetching=False)
        status = validate_pdf_signature(signatures[0], context)
    except Exception as exc:  # a damaged file is simply not a valid signed letter
        return SignatureCheck(False, False, "", f"{type(exc).__name__}: {exc}")
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    return SignatureCheck(bool(status.bottom_line), bool(status.intact), signer, status.summary())

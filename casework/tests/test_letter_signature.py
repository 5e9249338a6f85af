"""Issued letters are digitally signed (pyHanko): the signature verifies with the bureau
certificate, and fails after one byte of the PDF is changed."""

from datetime import date

import pytest

from casework import signing
from casework.decisions import authorise_decision, prepare_decision
from casework.models import CaseKind, LetterKind
from tests.event_loop import with_a_running_loop

from .helpers import requested_licence

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_pdf(pilot_user, bureau_officer, bureau_head):
    licence = requested_licence(pilot_user)
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer,
                                today=date(2026, 6, 16), facts="不符合条件。")
    authorise_decision(decision, actor=bureau_head, today=date(2026, 6, 16))
    decision.refresh_from_db()
    return bytes(decision.letter.pdf)


def test_the_signature_of_an_issued_letter_verifies(signed_pdf):
    check = signing.verify_pdf(signed_pdf)
    assert check.valid and check.intact
    assert "太原市商务局" in check.signer


@pytest.mark.parametrize("where", ["header comment", "middle of the document"])
def test_the_signature_fails_after_one_byte_is_changed(signed_pdf, where):
    tampered = bytearray(signed_pdf)
    position = 11 if where == "header comment" else len(signed_pdf) // 3
    tampered[position] ^= 0x01
    check = signing.verify_pdf(bytes(tampered))
    assert not check.valid and not check.intact


def test_a_letter_signed_with_another_key_is_not_trusted(signed_pdf, tmp_path, settings):
    signing.make_demo_credentials(tmp_path / "k.pem", tmp_path / "c.pem", authority="他人")
    settings.LETTER_SIGNING_CERT = str(tmp_path / "c.pem")
    assert not signing.verify_pdf(signed_pdf).valid


def test_seed_demo_makes_a_signing_certificate_once(tmp_path, settings):
    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT = str(tmp_path / "key.pem"), str(tmp_path / "cert.pem")
    from casework.apps import _seed_signing_certificate

    _seed_signing_certificate({})
    first = (tmp_path / "cert.pem").read_bytes()
    _seed_signing_certificate({})
    assert (tmp_path / "cert.pem").read_bytes() == first
    assert signing.verify_pdf(signing.sign_pdf(_blank_pdf(), reason="t", location="太原")).valid


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_signing_and_verifying_work_where_an_event_loop_is_running(signing_key):
    """A caller with a running event loop (an async view, Playwright's sync API under seed_demo) still signs:
    pyHanko's asyncio.run() goes to a worker thread instead of failing."""
    from weasyprint import HTML

    unsigned = HTML(string="<p>决定书</p>").write_pdf()
    check = with_a_running_loop(lambda: signing.verify_pdf(signing.sign_pdf(unsigned, reason="测试", location="太原")))
    assert check.valid and check.intact

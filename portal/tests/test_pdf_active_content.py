"""Issue 22 point 2: a PDF is judged on its parsed object tree, not its raw bytes — active content
under an escaped name (/J#61vaScript) is refused, so is content after the last %%EOF; a large
valid PDF up to the published limit is accepted, on the public complaint endpoint too."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from portal.uploads import UploadProblem, validate_upload


def raw_pdf(*objects: str, root_extra: str = "", trailer_extra: str = "") -> bytes:
    """A PDF written by hand (offsets computed), so names can be spelt as an attacker spells them.

    Object 1 is the catalog, 2 the page tree, 3 the page; `objects` are numbered from 4.
    """
    bodies = [
        f"<< /Type /Catalog /Pages 2 0 R {root_extra} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def problem_of(data: bytes) -> str | None:
    try:
        validate_upload(SimpleUploadedFile("doc.pdf", data), field="file")
    except ValidationError as exc:
        return exc.error_dict["file"][0].code
    return None


def test_a_plain_hand_written_pdf_is_accepted():
    assert problem_of(raw_pdf()) is None


@pytest.mark.parametrize("name", ["/JavaScript", "/J#61vaScript", "/#4A#61#76#61#53#63#72#69#70#74"])
def test_a_javascript_action_is_refused_however_its_name_is_escaped(name):
    data = raw_pdf(f"<< /S {name} /JS (app.alert\\(1\\)) >>", root_extra="/OpenAction 4 0 R")
    assert problem_of(data) == UploadProblem.ACTIVE_CONTENT


def test_a_js_key_with_an_escaped_name_is_refused():
    assert problem_of(raw_pdf("<< /S /Named /J#53 (x) >>", root_extra="/Names << /X 4 0 R >>")) == \
        UploadProblem.ACTIVE_CONTENT


@pytest.mark.parametrize("root_extra, objects", [
    ("/OpenAction 4 0 R", ["<< /S /Launch /F (cmd.exe) >>"]),
    ("/OpenAction << /S /URI /URI (http://example.invalid/) >>", []),
    ("/AA << /WC 4 0 R >>", ["<< /S /Named /N /Print >>"]),
    ("/Names << /EmbeddedFiles 4 0 R >>", ["<< /Names [(a.exe) 5 0 R] >>", "<< /Type /Filespec /F (a.exe) >>"]),
    ("/AcroForm << /Fields [] /XFA 4 0 R >>", ["<< /Length 0 >>\nstream\n\nendstream"]),
    ("/Extensions << /R 4 0 R >>", ["<< /Type /Annot /Subtype /RichMedia /RichMediaContent << >> >>"]),
    ("/Extensions << /L 4 0 R >>", ["<< /S /L#61unch /F (x) >>"]),
])
def test_actions_embedded_files_xfa_and_rich_media_are_refused(root_extra, objects):
    assert problem_of(raw_pdf(*objects, root_extra=root_extra)) == UploadProblem.ACTIVE_CONTENT


def test_an_open_action_that_only_shows_the_first_page_is_accepted():
    assert problem_of(raw_pdf(root_extra="/OpenAction [3 0 R /Fit]")) is None


@pytest.mark.parametrize("tail", [b"<script>alert(1)</script>", b"PK\x03\x04 a zip after the pdf", b"%PDF-1.4 again"])
def test_content_after_the_last_eof_marker_is_refused(tail):
    assert problem_of(raw_pdf() + tail) == UploadProblem.MALFORMED


def test_whitespace_after_the_last_eof_marker_is_accepted():
    assert problem_of(raw_pdf() + b"\r\n  \n") is None


def _large_pdf(size: int) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    stream = DecodedStreamObject()
    stream.set_data(b"%" + b"0" * size + b"\n")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_large_valid_pdf_just_under_the_limit_is_accepted(settings):
    data = _large_pdf(settings.UPLOAD_MAX_BYTES - 2000)
    assert len(data) <= settings.UPLOAD_MAX_BYTES
    assert problem_of(data) is None


@pytest.mark.django_db
def test_the_public_complaint_endpoint_refuses_an_escaped_javascript_pdf_and_keeps_nothing(api):
    from supervision.models import Complaint
    from tests.factories import PilotEnterpriseFactory

    pilot = PilotEnterpriseFactory()
    data = raw_pdf("<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>", root_extra="/OpenAction 4 0 R")
    body = {"enterprise": pilot.uscc, "category": "other", "description": "附件", "contact_name": "A",
            "contact_email": "a@example.kz", "attachments": [SimpleUploadedFile("a.pdf", data)]}
    response = api(None).post("/api/v1/public/complaints/", body, format="multipart")
    assert response.status_code == 400
    assert "attachments" in response.json()
    assert not Complaint.objects.exists()

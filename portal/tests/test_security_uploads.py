"""Issue 9 point 5: uploads typed by content, size-limited, renamed, refused cleanly when hostile."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.test.utils import isolate_apps
from PIL import Image
from pypdf import PdfWriter

from portal.uploads import StoredDocument, private_upload_to, validate_upload


def pdf_bytes(*, encrypt: bool = False, javascript: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        writer.add_js("app.alert('hi');")
    if encrypt:
        writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes(size=(20, 20), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def upload_probe() -> StoredDocument:
    """A document model without a table (call inside isolate_apps): its save fails in the database."""

    class UploadProbe(StoredDocument):
        uploaded_by = None

        class Meta:
            app_label = "portal"

    return UploadProbe()


def refusal(uploaded, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(uploaded, field="file", **kwargs)
    return caught.value.error_dict["file"][0]


def test_the_type_comes_from_the_content_not_the_name():
    assert validate_upload(upload("scan.pdf", png_bytes())) == "png"
    assert validate_upload(upload("photo.png", pdf_bytes())) == "pdf"


def test_a_script_named_pdf_is_refused_as_the_wrong_type():
    error = refusal(upload("contract.pdf", b"#!/bin/sh\nrm -rf /\n"))
    assert error.code == "bad_type"
    assert "按文件内容判断" in error.messages[0]


def test_a_file_above_the_size_limit_is_refused_with_the_limit_named(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    error = refusal(upload("big.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024)))
    assert error.code == "too_large"
    assert "1.0 MB" in error.messages[0]


def test_an_empty_file_is_refused():
    assert refusal(upload("empty.pdf", b"")).code == "empty"


def test_a_truncated_pdf_is_refused_as_damaged():
    data = pdf_bytes()
    error = refusal(upload("cut.pdf", data[: len(data) // 2]))
    assert error.code == "malformed"
    assert error.messages[0] == "文件已损坏或无法读取。"


def test_a_pdf_header_over_garbage_is_refused_as_damaged():
    assert refusal(upload("fake.pdf", b"%PDF-1.4\n" + b"garbage " * 200 + b"\n%%EOF")).code == "malformed"


def test_an_encrypted_pdf_is_refused():
    assert refusal(upload("locked.pdf", pdf_bytes(encrypt=True))).code == "encrypted"


def test_a_pdf_with_javascript_is_refused():
    assert refusal(upload("active.pdf", pdf_bytes(javascript=True))).code == "active_content"


def test_a_png_decompression_bomb_is_refused_with_a_clear_message():
    bomb = png_bytes(size=(10_000, 10_000), mode="1")  # 100 megapixels in a few kilobytes
    assert len(bomb) < 100_000
    error = refusal(upload("bomb.png", bomb))
    assert error.code == "image_bomb"
    assert "图片尺寸过大" in error.messages[0]


def test_a_damaged_png_is_refused():
    data = bytearray(png_bytes())
    data[40:60] = b"\x00" * 20
    assert refusal(upload("broken.png", bytes(data))).code == "malformed"


def test_stored_names_are_random_whatever_the_uploader_called_the_file():
    class Doc:
        class _meta:
            app_label = "applications"

    first = private_upload_to(Doc(), "../../etc/passwd.pdf")
    second = private_upload_to(Doc(), "../../etc/passwd.pdf")
    assert first != second
    assert "passwd" not in first and ".." not in first
    assert first.startswith("applications/")


@pytest.mark.django_db
@isolate_apps("portal")
def test_nothing_is_half_saved_when_the_row_cannot_be_written(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    document = upload_probe()
    document.fill_from_upload(upload("..\\..\\报关单\x07.pdf", pdf_bytes()))
    assert document.original_name == "报关单.pdf"
    assert document.content_type == "application/pdf"
    assert list(tmp_path.rglob("*")) == []  # nothing written before the row is saved
    with pytest.raises(DatabaseError), transaction.atomic():
        document.save()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@isolate_apps("portal")
def test_a_refused_upload_writes_nothing_and_fills_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    document = upload_probe()
    with pytest.raises(ValidationError):
        document.fill_from_upload(upload("bomb.png", png_bytes((10_000, 10_000), "1")))
    assert not document.file and document.sha256 == ""
    assert list(tmp_path.rglob("*")) == []

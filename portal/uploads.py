"""Uploaded documents: type by content, size limits, private storage, permission-checked serving.

File names are never trusted: a stored file gets a random name; the original is kept as text.
"""

import hashlib
import io
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALLOWED_KINDS = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
MAX_IMAGE_PIXELS = 40_000_000  # larger images are refused as possible decompression bombs
MAX_PDF_PAGES = 1000
# Active content a document for a case file never needs; refused rather than served to officials.
# Judged on the parsed object tree (pypdf decodes #xx escapes: /J#61vaScript is /JavaScript), so
# how a name is spelt in the file does not matter (issue 22 point 2).
PDF_ACTIVE_KEYS = frozenset({"/JavaScript", "/JS", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/XFA",
                             "/RichMedia", "/RichMediaContent", "/RichMediaSettings"})
PDF_ACTIVE_NAMES = frozenset({"/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia", "/ImportData",
                              "/SubmitForm", "/GoToE", "/Sound", "/Movie", "/Rendition"})
MAX_PDF_OBJECTS = 200_000


class UploadProblem:
    """The refusals of validate_upload: code → message, in one table."""

    TOO_LARGE = "too_large"
    EMPTY = "empty"
    BAD_TYPE = "bad_type"
    IMAGE_BOMB = "image_bomb"
    ENCRYPTED = "encrypted"
    ACTIVE_CONTENT = "active_content"
    MALFORMED = "malformed"

    MESSAGES = {
        TOO_LARGE: _("文件过大：不得超过 %(mb)s MB。"),
        EMPTY: _("文件为空。"),
        BAD_TYPE: _("只接受 PDF、JPEG 或 PNG 文件（按文件内容判断，不看扩展名）。"),
        IMAGE_BOMB: _("图片尺寸过大（超过 %(mp)s 百万像素），可能是恶意构造的文件，已拒绝。"),
        ENCRYPTED: _("PDF 文件已加密，无法审阅，请上传未加密的文件。"),
        ACTIVE_CONTENT: _("PDF 文件含有脚本或嵌入的可执行内容，已拒绝。请另存为普通 PDF 后上传。"),
        MALFORMED: _("文件已损坏或无法读取。"),
    }


def refuse(field: str, code: str, **params) -> ValidationError:
    message = UploadProblem.MESSAGES[code]
    return ValidationError({field: ValidationError(message % params if params else message, code=code)})


def sniff_kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def validate_upload(uploaded, *, field: str = "file", max_bytes: int | None = None, kinds=("pdf", "jpeg", "png")) -> str:
    """Return the sniffed kind, or raise ValidationError naming the field and the rule."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if uploaded.size > max_bytes:
        raise refuse(field, UploadProblem.TOO_LARGE, mb=round(max_bytes / 1024 / 1024, 1))
    if uploaded.size == 0:
        raise refuse(field, UploadProblem.EMPTY)
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    uploaded.seek(0)
    if len(data) > max_bytes:  # the declared size was wrong
        raise refuse(field, UploadProblem.TOO_LARGE, mb=round(max_bytes / 1024 / 1024, 1))
    kind = sniff_kind(data[:16])
    if kind not in kinds:
        raise refuse(field, UploadProblem.BAD_TYPE)
    problem = _check_pdf(data) if kind == "pdf" else _check_image(data)
    if problem:
        raise refuse(field, problem, mp=MAX_IMAGE_PIXELS // 1_000_000)
    return kind


def _check_pdf(data: bytes) -> str | None:
    from pypdf import PdfReader

    # Nothing but whitespace after the last %%EOF: a truncated file lacks it, and bytes behind it
    # (a second file, a script, a polyglot) are not part of the document a viewer shows.
    if not data.rstrip().endswith(b"%%EOF"):
        return UploadProblem.MALFORMED
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            return UploadProblem.ENCRYPTED
        pages = len(reader.pages)
        if not 1 <= pages <= MAX_PDF_PAGES:
            return UploadProblem.MALFORMED
        reader.pages[0].mediabox  # noqa: B018 - the first page must parse
        active = _has_active_content(reader)
    except Exception:  # noqa: BLE001 - any parser failure means a damaged file
        return UploadProblem.MALFORMED
    return UploadProblem.ACTIVE_CONTENT if active else None


def _has_active_content(reader) -> bool:
    """Walk every object — from the trailer and every xref entry — looking at keys and names.

    An explicit stack, each indirect object visited once: a hostile file may be deep or cyclic.
    /OpenAction is refused when it is an action (a dictionary); an array is a destination
    ("open at page 1, fit"), which many ordinary PDFs carry.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    for generation, numbers in reader.xref.items():
        stack.extend(IndirectObject(number, generation, reader) for number in numbers)
    stack.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise ValueError("too many objects")
        if isinstance(node, DictionaryObject):  # streams are dictionaries too; their data is not run
            for name, value in node.items():
                if name in PDF_ACTIVE_KEYS:
                    return True
                if name == "/OpenAction" and isinstance(value.get_object() if value is not None else None,
                                                        DictionaryObject):
                    return True
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject) and node in PDF_ACTIVE_NAMES:
            return True
    return False


def _check_image(data: bytes) -> str | None:
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return UploadProblem.IMAGE_BOMB
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return UploadProblem.IMAGE_BOMB
    except Exception:  # noqa: BLE001 - any parser failure means a damaged file
        return UploadProblem.MALFORMED
    return None


def private_upload_to(instance, filename: str) -> str:
    # The stored name is random; the original name lives in `original_name`.
    today = timezone.now()
    return f"{instance._meta.app_label}/{today:%Y/%m}/{uuid.uuid4().hex}"


class StoredDocument(models.Model):
    """Abstract base for every uploaded document; subclasses add the owner relation."""

    file = models.FileField(upload_to=private_upload_to, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        stored_before = self.file.name if self.file and self.file._committed else None
        try:
            super().save(*args, **kwargs)
        except BaseException:
            # No half-saved upload: a file whose row was not written does not stay on disk.
            if self.file and self.file._committed and self.file.name != stored_before:
                self.file.storage.delete(self.file.name)
            raise

    def fill_from_upload(self, uploaded, *, field: str = "file", max_bytes: int | None = None) -> None:
        """Validate `uploaded` and set every field of the document from it (caller saves).

        Nothing is written to storage here: the file is stored by `save()`, under a random name,
        and removed again if the row cannot be saved.
        """
        kind = validate_upload(uploaded, field=field, max_bytes=max_bytes)
        uploaded.seek(0)
        digest = hashlib.sha256(uploaded.read()).hexdigest()
        uploaded.seek(0)
        self.file = File(uploaded, name=uuid.uuid4().hex)
        self.original_name = _display_name(uploaded.name)
        self.content_type = ALLOWED_KINDS[kind]
        self.size = uploaded.size
        self.sha256 = digest

def _display_name(name: str | None) -> str:
    """The uploader's file name, for display only: no path, no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or "document")[:200]


def serve_document(document: StoredDocument) -> FileResponse:
    """Call only after the caller has checked that the user may see the document."""
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(document.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)

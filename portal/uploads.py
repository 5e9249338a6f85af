"""Uploaded documents: type by content, size limits, private storage, permission-checked serving.

File names are never trusted: a stored file gets a random name; the original is kept as text.
"""

import hashlib
import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALLOWED_KINDS = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
MAX_IMAGE_PIXELS = 40_000_000  # larger images are refused as possible decompression bombs


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
        raise ValidationError(
            {field: _("文件过大：不得超过 %(mb)s MB。") % {"mb": round(max_bytes / 1024 / 1024, 1)}}, code="too_large"
        )
    if uploaded.size == 0:
        raise ValidationError({field: _("文件为空。")}, code="empty")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    kind = sniff_kind(data[:16])
    if kind not in kinds:
        raise ValidationError(
            {field: _("只接受 PDF、JPEG 或 PNG 文件（按文件内容判断，不看扩展名）。")}, code="bad_type"
        )
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data), strict=False)
            if len(reader.pages) < 1:
                raise ValueError("no pages")
        else:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError({field: _("图片尺寸过大，已拒绝。")}, code="image_bomb")
                image.verify()
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - any parser failure means a damaged file
        raise ValidationError({field: _("文件已损坏或无法读取。")}, code="malformed")
    return kind


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

    def fill_from_upload(self, uploaded, *, field: str = "file", max_bytes: int | None = None) -> None:
        """Validate `uploaded` and set every field of the document from it (caller saves)."""
        kind = validate_upload(uploaded, field=field, max_bytes=max_bytes)
        uploaded.seek(0)
        digest = hashlib.sha256(uploaded.read()).hexdigest()
        uploaded.seek(0)
        self.file.save(uuid.uuid4().hex, uploaded, save=False)
        self.original_name = (uploaded.name or "document").rsplit("/", 1)[-1][:200]
        self.content_type = ALLOWED_KINDS[kind]
        self.size = uploaded.size
        self.sha256 = digest


def serve_document(document: StoredDocument) -> FileResponse:
    """Call only after the caller has checked that the user may see the document."""
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(document.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)

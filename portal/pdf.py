"""PDFs in Chinese with WeasyPrint.

The CJK font comes from the system (Debian's fonts-noto-cjk, installed by .ci/run, the Dockerfile
and `make run` when it can); templates/pdf/base.html names it first in its font stack.
"""

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, request=None, *, attachments: dict[str, bytes] | None = None) -> bytes:
    """`attachments`: {file name: content} embedded in the PDF as files (a dossier's proofs, issue 21)."""
    from weasyprint import HTML, Attachment

    html = render_to_string(template_name, context, request=request)
    files = [Attachment(string=content, name=name) for name, content in (attachments or {}).items()]
    return HTML(string=html, base_url=None).write_pdf(attachments=files or None)


def pdf_text(pdf_bytes: bytes) -> str:
    """The text of a PDF, for tests and for checking a generated document."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def pdf_response(pdf_bytes: bytes, filename: str, *, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename=\"{filename}\""
    return response

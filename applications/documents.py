"""The PDF receipt (申请回执) with the full content of a submitted application, in Chinese."""

from django.utils import timezone, translation

from portal.pdf import render_pdf

from . import rules
from .models import Application


def receipt_context(application: Application) -> dict:
    return {
        "application": application,
        "checks": rules.check_eligibility(application),
        "priority": rules.priority_factors(application),
        "attachments": list(application.attachments.all()),
        "printed_at": timezone.localtime(),
    }


def receipt_pdf(application: Application) -> bytes:
    # The receipt is an official document: always in Chinese, whatever the reader's language.
    with translation.override("zh-hans"):
        return render_pdf("applications/pdf/receipt.html", receipt_context(application))


def receipt_filename(application: Application) -> str:
    return f"{application.reference_number}-receipt.pdf"

"""The application's receipt in the official format (GB/T 9704-2012, issue 20): the 申请回执 once it is submitted,
the 受理通知书 once the bureau has accepted it; the full content of the application is its annex."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.official import chinese_date, document_number, official_document
from portal.pdf import render_pdf

from . import rules
from .models import Application

# 发文字号 of the receipt: 并商务收 (回执) and 并商务受 (受理通知书), with the serial of the 受理编号.
RECEIPT_PREFIX = "并商务收"
ACCEPTANCE_PREFIX = "并商务受"


def _serial(application: Application) -> int:
    """The year's serial of the 受理编号 (TY-ESC-2026-0007 → 7): the receipt carries the application's own number."""
    try:
        return int(application.reference_number.rsplit("-", 1)[1])
    except (AttributeError, IndexError, ValueError):
        return application.pk


def receipt_official(application: Application):
    accepted = application.accepted_at is not None
    moment = application.accepted_at if accepted else application.submitted_at
    day = timezone.localdate(moment) if moment else timezone.localdate()
    return official_document(
        number=document_number(ACCEPTANCE_PREFIX if accepted else RECEIPT_PREFIX, day.year, _serial(application)),
        title=_("二手车出口试点企业申请受理通知书") if accepted else _("二手车出口试点企业申请回执"),
        date=day, recipient=application.company_name,
    )


def receipt_context(application: Application) -> dict:
    from .services import policy_for  # the version that judged it (issue 24); services is the heavier module

    official = receipt_official(application)
    return {
        "application": application,
        "official": official,
        "accepted": application.accepted_at is not None,
        "submitted_on": chinese_date(timezone.localdate(application.submitted_at)) if application.submitted_at else "",
        "accepted_on": chinese_date(official.date),
        "checks": rules.check_eligibility(application, policy_for(application)),
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

"""Decision letters: issued from the kind's current template version, rendered to PDF and signed.

The letter row fixes the number, the template version and the dates when it is issued;
`generate_pdf` renders from those, so regenerating a letter (a new font, a lost file) keeps its
dates and text and only signs anew.

A decision the workflow took on its own route (a licence issued through traceability's pages or
API, an application not designated by review) fixes its letter in that transaction and has the
PDF rendered and signed by a task once it commits (`sign_now=False`): those routes stay fast and
do not depend on the signing key; until then the letter is pending (generation 0) and the first
download renders it.
"""

import hashlib
import logging
from string import Template

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.activity import log_action
from portal.official import official_document, person_name
from portal.pdf import render_pdf

from . import rules, signing
from .models import Decision, DecisionLetter, LetterTemplate

logger = logging.getLogger(__name__)


def current_template(kind: str) -> LetterTemplate:
    return LetterTemplate.objects.filter(kind=kind).order_by("-version").first()


def _casework_setting(name: str, default: str) -> str:
    return getattr(settings, name, "") or default


def issue_letter(decision: Decision, subject, *, sign_now: bool = True) -> DecisionLetter:
    """Fix the letter of an authorised decision: number, template version and dates; render and sign
    it now, or (sign_now=False) by a task once the transaction commits."""
    template = current_template(decision.kind)
    reconsideration_until, litigation_until = rules.letter_deadlines(decision.authorised_on)
    letter = DecisionLetter.objects.create(
        decision=decision, template=template, template_version=template.version,
        number=rules.letter_number(decision.kind, decision.authorised_on.year, decision.pk),
        issued_on=decision.authorised_on, reconsideration_until=reconsideration_until,
        litigation_until=litigation_until, issuing_authority=settings.PORTAL["ISSUING_AUTHORITY"],
    )
    if sign_now:
        generate_pdf(letter, subject)
    else:
        from .tasks import generate_letter_pdf

        transaction.on_commit(lambda pk=letter.pk: generate_letter_pdf.delay(pk))
    return letter


def generate_pending(letter_id: int) -> bool:
    """Render and sign a pending letter (the task after commit); answers whether it did. A missing
    signing key leaves the letter pending, logged: the first download (or 重新生成) renders it."""
    from .services import case_object

    letter = DecisionLetter.objects.select_related("decision__enterprise", "template").filter(
        pk=letter_id, generation=0).first()
    if letter is None:
        return False
    if not signing.has_credentials():
        logger.error("letter %s left pending: no signing key or certificate", letter.number)
        return False
    generate_pdf(letter, case_object(letter.decision.case_kind, letter.decision.object_id))
    return True


def letter_values(letter: DecisionLetter, subject) -> dict:
    decision = letter.decision
    values = {
        "enterprise": decision.enterprise.name,
        "reference": str(subject),
        "facts": rules.facts_once(decision.facts),
        "statement": rules.statement_paragraph(getattr(subject, "answered_on", None),
                                               getattr(subject, "answer", "") or "", decision.statement_reply),
        "article": decision.article,
        "item": decision.item,
        "grounds": decision.grounds,
        "deadline": decision.deadline.isoformat() if decision.deadline else "",
        "outcome": "",
        "licence_number": getattr(subject, "number", "") or "",
        "valid_until": "",
        "reconsideration_until": letter.reconsideration_until.isoformat(),
        "litigation_until": letter.litigation_until.isoformat(),
        "reconsideration_body": _casework_setting("LETTER_RECONSIDERATION_BODY", "太原市人民政府"),
        "court": _casework_setting("LETTER_COURT", "有管辖权的人民法院"),
    }
    if getattr(subject, "valid_until", None):
        values["valid_until"] = subject.valid_until.isoformat()
    if decision.revoke is not None:
        values["outcome"] = "取消你单位二手车出口试点企业资格" if decision.revoke else "不予取消你单位试点企业资格"
    return values


def _is_recipient_line(paragraph: str) -> bool:
    text = paragraph.strip()
    return text.endswith(("：", ":")) and len(text) <= 60 and "。" not in text


def generate_pdf(letter: DecisionLetter, subject) -> DecisionLetter:
    """Render the letter from its fixed fields and template version, sign it and store it."""
    body = Template(letter.template.body).safe_substitute(letter_values(letter, subject))
    paragraphs = [p for p in body.split("\n") if p.strip()]
    recipient, body_paragraphs = "", paragraphs
    if paragraphs and _is_recipient_line(paragraphs[0]):  # "$enterprise：" is the 主送 of the official format
        recipient, body_paragraphs = paragraphs[0].strip().rstrip("：:"), paragraphs[1:]
    decision = letter.decision
    pdf = render_pdf("pdf/casework/letter.html", {
        "letter": letter, "decision": decision, "title": letter.template.title,
        "favourable": decision.kind in rules.FAVOURABLE_LETTERS,
        "paragraphs": paragraphs, "body_paragraphs": body_paragraphs,
        "official": official_document(
            number=letter.number, title=letter.template.title, date=letter.issued_on,
            recipient=recipient or decision.enterprise.name, signatory=person_name(decision.authorised_by),
            authority=letter.issuing_authority),
    })
    signed = signing.sign_pdf(pdf, reason=f"{letter.template.title} {letter.number}",
                              location=letter.issuing_authority)
    with transaction.atomic():
        DecisionLetter.objects.filter(pk=letter.pk).update(
            pdf=signed, pdf_sha256=hashlib.sha256(signed).hexdigest(), generation=letter.generation + 1,
            generated_at=timezone.now(),
        )
    letter.refresh_from_db()
    return letter


def regenerate_letter(letter: DecisionLetter, subject, *, actor) -> DecisionLetter:
    letter = generate_pdf(letter, subject)
    log_action(letter.decision, "casework.letter_regenerated", actor, data={"number": letter.number,
                                                                             "generation": letter.generation})
    return letter

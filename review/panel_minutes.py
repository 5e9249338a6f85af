"""The minutes of a panel day (答辩会会议纪要): an official document (portal.official) with the attendance, the
recusals, each item's score table with its mean and spread, the justifications, the too-fast flags and a
signature line per member. Signed and stored by review.panel_services.sign_minutes."""

from django.utils.translation import gettext as _

from portal.official import document_number, official_document, person_name
from portal.pdf import render_pdf

from . import panel_selectors
from .models import PanelMember

MINUTES_PREFIX = "并商务纪"  # 发文字号 of the panel day's minutes: 并商务纪〔2026〕<day>号


def minutes_number(day) -> str:
    return document_number(MINUTES_PREFIX, day.held_on.year, day.pk)


def minutes_context(day) -> dict:
    attendance = panel_selectors.attendance(day)
    present = {a.member_id for a in attendance if a.present}
    members = [m.user for m in PanelMember.objects.filter(round_id=day.round_id).select_related("user__organisation")]
    items = []
    for item in day.items.select_related("entry__round", "entry__application__organisation").order_by("position"):
        table = panel_selectors.item_table(item)
        items.append({"item": item, **table,
                      "justified": [r for r in table["rows"] if r["note"] and r["note"].justification],
                      "flagged": [r for r in table["rows"] if r["note"] and r["note"].too_fast]})
    return {
        "day": day, "attendance": attendance, "members": members, "present": present,
        "signers": [m for m in members if m.pk in present], "recusals": panel_selectors.recusals(day),
        "items": items,
        "official": official_document(
            number=minutes_number(day), title=_("二手车出口试点企业评审答辩会会议纪要"), date=day.held_on,
            subtitle=day.title, signatory=person_name(day.signed_by) if day.signed_by_id else ""),
    }


def render_minutes(day) -> bytes:
    return render_pdf("review/pdf/panel_minutes.html", minutes_context(day))

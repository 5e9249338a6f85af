"""Reads of the panel day, filtered by what the user may see (办法第五条: 公开、公平、公正).

The bureau sees every day; a panel member the days of their rounds, with a recusal screen on the items they
declared a conflict on. Scores of an item stay hidden from the members until every present member without a
conflict has submitted; the bureau and the chair see the too-fast flags as they come.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from portal.roles import Role, has_role, is_bureau

from . import rules
from .models import ConflictDeclaration, PanelMember, ScoreSheet, SheetStatus
from .panel_models import AgendaItem, Attendance, PanelDay, SheetNote
from .rules import Criterion
from .workflow import expected_scorers, submitted_member_ids


def days_visible_to(user) -> QuerySet[PanelDay]:
    qs = PanelDay.objects.select_related("round", "chair", "signed_by").annotate(item_count=Count("items"))
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_bureau(user):
        return qs
    if has_role(user, Role.EXPERT):
        return qs.filter(Exists(PanelMember.objects.filter(round=OuterRef("round"), user=user)))
    return qs.none()


def days_of_round(review_round, user) -> QuerySet[PanelDay]:
    return days_visible_to(user).filter(round=review_round).order_by("held_on", "id")


def items_visible_to(user) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("day__round", "day__chair", "entry__round",
                                             "entry__application__organisation").filter(
        day__in=days_visible_to(user))


def agenda(day: PanelDay, user) -> list[AgendaItem]:
    """The day's items in order, with for this user whether they declared / declared a conflict, and the
    progress of the sheets (a bounded number of queries whatever the length of the agenda)."""
    mine = ConflictDeclaration.objects.filter(entry=OuterRef("entry"), member=user)
    return list(
        day.items.select_related("entry__application__organisation")
        .annotate(
            declared=Exists(mine),
            recused=Exists(mine.filter(conflict=True)),
            submitted_count=Count("entry__sheets", filter=Q(entry__sheets__status=SheetStatus.SUBMITTED),
                                  distinct=True),
            recusal_count=Count("entry__declarations", filter=Q(entry__declarations__conflict=True), distinct=True),
            flag_count=Count("notes", filter=Q(notes__too_fast=True), distinct=True),
        )
        .order_by("position", "id")
    )


def attendance(day: PanelDay) -> list[Attendance]:
    return list(day.attendance.select_related("member__organisation").order_by("member_id"))


def sees_flags(day: PanelDay, user) -> bool:
    """The too-fast flags are the chair's and the bureau's."""
    return is_bureau(user) or (day.chair_id is not None and day.chair_id == user.pk)


def flags(day: PanelDay) -> list[SheetNote]:
    return list(SheetNote.objects.filter(item__day=day, too_fast=True)
                .select_related("member", "item__entry__application").order_by("item__position", "id"))


def scores_revealed(item: AgendaItem) -> bool:
    """Every present member without a conflict has submitted (and at least one has)."""
    expected = expected_scorers(item)
    return bool(expected) and not (expected - submitted_member_ids(item.entry))


def entry_scores_revealed(entry) -> bool:
    """An application on a panel day's agenda: its sheets show to the members once every scorer of each of
    its items submitted (used by selectors.visible_sheets)."""
    items = list(AgendaItem.objects.filter(entry=entry).select_related("day", "entry"))
    return all(scores_revealed(item) for item in items)


def item_sheets(item: AgendaItem) -> list[ScoreSheet]:
    """The item's submitted sheets with their panel notes (for pages after the reveal, and the minutes)."""
    return list(item.entry.sheets.filter(status=SheetStatus.SUBMITTED).select_related("member")
                .prefetch_related(Prefetch("panel_note", queryset=SheetNote.objects.all()))
                .order_by("member_id"))


def item_table(item: AgendaItem, sheets=None) -> dict:
    """The score table of one item: a row per sheet (criteria, total, reading time, flag, justification),
    the mean of the totals (第五条第4项: 最终得分取平均分) and their spread."""
    sheets = item_sheets(item) if sheets is None else sheets
    codes = list(item.entry.round.criteria)
    rows = []
    for sheet in sheets:
        note = getattr(sheet, "panel_note", None)
        rows.append({"sheet": sheet, "member": sheet.member, "points": [sheet.points.get(c, "") for c in codes],
                     "total": sheet.total, "note": note})
    totals = [s.total for s in sheets]
    return {"labels": [Criterion(c).label for c in codes], "rows": rows, "mean": rules.mean_half_up(totals),
            "spread": rules.spread_of(totals)}


def recusals(day: PanelDay) -> list[ConflictDeclaration]:
    """Who stood aside from which item (a declared conflict), in agenda order."""
    return list(ConflictDeclaration.objects.filter(conflict=True, entry__agenda_items__day=day)
                .select_related("member", "entry__application").order_by("entry__agenda_items__position", "id"))

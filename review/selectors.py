"""Reads of the review, filtered by what the user may see: every view and API starts here.

The bureau sees everything; a panel member sees their rounds and, of each application, the name
until they have declared, the content once they declared no conflict, and nothing of it after
declaring a conflict (办法第五条: 公开、公平、公正). Others see only what is published.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from portal.models import Organisation, PilotStatus
from portal.roles import Role, has_role, is_bureau

from . import rules
from .models import (
    ConflictDeclaration,
    Entry,
    Objection,
    PanelMember,
    Publicity,
    PublicityStatus,
    ReviewRound,
    RoundStatus,
    ScoreSheet,
    SheetStatus,
)


def may_see_review(user) -> bool:
    return is_bureau(user) or has_role(user, Role.EXPERT)


def rounds_visible_to(user) -> QuerySet[ReviewRound]:
    qs = ReviewRound.objects.select_related("created_by").annotate(
        entry_count=Count("entries", distinct=True), member_count=Count("members", distinct=True)
    ).order_by("-created_at", "-id")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_bureau(user):
        return qs
    if has_role(user, Role.EXPERT):
        return qs.filter(Exists(PanelMember.objects.filter(round=OuterRef("pk"), user=user)))
    return qs.none()


def search_rounds(qs: QuerySet[ReviewRound], *, query: str = "", status: str = "") -> QuerySet[ReviewRound]:
    query = (query or "").strip()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(entries__application__company_name__icontains=query)).distinct()
    if status in RoundStatus.values:
        qs = qs.filter(status=status)
    return qs


def entries_visible_to(user) -> QuerySet[Entry]:
    """Entries the user may open at all (404 otherwise): the bureau's, or those of a member's rounds."""
    qs = Entry.objects.select_related("round", "application__organisation")
    if is_bureau(user):
        return qs
    if has_role(user, Role.EXPERT):
        return qs.filter(round__members__user=user)
    return qs.none()


def entries_with_member_state(review_round: ReviewRound, user) -> QuerySet[Entry]:
    """The round's entries with, for this user, their declaration and whether their sheet is submitted."""
    mine = ConflictDeclaration.objects.filter(entry=OuterRef("pk"), member=user)
    return (
        review_round.entries.select_related("application__organisation")
        .annotate(
            declared=Exists(mine),
            conflicted=Exists(mine.filter(conflict=True)),
            submitted_count=Count("sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED), distinct=True),
            my_submitted=Exists(ScoreSheet.objects.filter(entry=OuterRef("pk"), member=user,
                                                          status=SheetStatus.SUBMITTED)),
        )
        .order_by("rank", "id")
    )


def declaration_of(entry: Entry, user) -> ConflictDeclaration | None:
    return ConflictDeclaration.objects.filter(entry=entry, member=user).first()


def is_member(review_round: ReviewRound, user) -> bool:
    return PanelMember.objects.filter(round=review_round, user=user).exists()


def members_of(review_round: ReviewRound) -> QuerySet[PanelMember]:
    return review_round.members.select_related("user__organisation")


def sheets_of(entry: Entry) -> QuerySet[ScoreSheet]:
    return entry.sheets.select_related("member")


def visible_sheets(entry: Entry, user) -> list[ScoreSheet]:
    """Blind scoring: a member sees only their own sheet until they submitted it; then the other
    submitted sheets too. The bureau sees points only once the round's scoring is closed."""
    sheets = list(sheets_of(entry))
    if is_bureau(user):
        return [s for s in sheets if s.is_submitted] if not entry.round.scoring_open else []
    own = [s for s in sheets if s.member_id == user.pk]
    from .panel_selectors import entry_scores_revealed  # a panel day: hidden until every scorer submitted

    if own and own[0].is_submitted and entry_scores_revealed(entry):
        return own + [s for s in sheets if s.is_submitted and s.member_id != user.pk]
    return own


def ranking(review_round: ReviewRound) -> QuerySet[Entry]:
    return review_round.entries.select_related("application__organisation").order_by("rank", "id")


def published_publicities() -> QuerySet[Publicity]:
    return Publicity.objects.filter(status=PublicityStatus.PUBLISHED).select_related("round").prefetch_related(
        Prefetch("round__entries", queryset=Entry.objects.filter(proposed=True)
                 .select_related("application__organisation").order_by("rank"), to_attr="listed")
    )


def public_objection(number: str) -> Objection | None:
    """An objection followed by its number in public (with its 公示; the objector's details stay unread)."""
    number = (number or "").strip().upper()
    if not number:
        return None
    return (Objection.objects.filter(number=number, publicity__status=PublicityStatus.PUBLISHED)
            .select_related("publicity").only("number", "lodged_on", "answer", "answered_on", "publicity__title",
                                              "publicity__status").first())


def objections_of(publicity: Publicity) -> QuerySet[Objection]:
    return publicity.objections.select_related("entry__application", "answered_by")


def pilot_enterprises() -> QuerySet[Organisation]:
    """The public list of pilot enterprises (designated and in good standing)."""
    return Organisation.objects.filter(pilot_status=PilotStatus.DESIGNATED).order_by("designated_on", "name")


def letter_entry_visible_to(user) -> QuerySet[Entry]:
    """Result letters: the bureau all; an enterprise its own once designation is decided."""
    qs = Entry.objects.select_related("round", "application__organisation").filter(approved__isnull=False)
    if is_bureau(user):
        return qs
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return qs.filter(application__organisation_id=user.organisation_id)
    return qs.none()


def publicity_outcome_of(entry: Entry) -> str:
    """The 公示 outcome of one entry, from the objections on file: those naming it and those against
    the whole list (办法第五条)."""
    objections = Objection.objects.filter(publicity__round_id=entry.round_id).filter(
        Q(entry=entry) | Q(entry__isnull=True))
    return rules.publicity_outcome(objections.count(), objections.filter(answered_on__isnull=False).count())


def score_summary(entry: Entry, user) -> dict:
    """GET .../scores/: progress at any time; the numbers stay null until the round's scoring is closed."""
    review_round = entry.round
    sheets = list(sheets_of(entry))
    submitted = [s for s in sheets if s.is_submitted]
    closed = not review_round.scoring_open
    outliers = []
    if closed and entry.final_score is not None:
        outliers = sorted(
            s.member.username for s in submitted if abs(s.total - entry.final_score) > review_round.outlier_margin
        )
    summary = {
        "application": entry.application_id,
        "round": review_round.pk,
        "scoring_closed": closed,
        "quorum": review_round.quorum,
        "submitted_sheets": len(submitted),
        "final_score": str(entry.final_score) if closed and entry.final_score is not None else None,
        "per_criterion": entry.per_criterion if closed else None,
        "spread": entry.spread if closed else None,
        "total_spread": str(entry.total_spread) if closed and entry.total_spread is not None else None,
        "outliers": outliers if closed else None,
    }
    if is_bureau(user):
        submitted_by = {s.member_id for s in submitted}
        summary["members"] = [
            {"username": m.user.username, "name": m.user.display_name, "submitted": m.user_id in submitted_by}
            for m in members_of(review_round)
        ]
    return summary

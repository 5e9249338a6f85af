"""好差评 (issue 23 point 4; 国办发〔2019〕51号): rating a completed service, the follow-up of a 差评, and
the monthly figures.

The completed moments are read from the services' own states (supervision may read every app): an
application decided (approved or refused), a licence issued, a complaint closed, an exit decided. The
enterprise rates its own services; a complaint is rated by its complainant, who has no account, through
the link with a signed token given on closing. One rating per service is a database constraint; a rating
of 1–2 opens exactly one follow-up case (one-to-one) with a deadline by the legal-period rule.
"""

from dataclasses import dataclass
from datetime import date

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import RuleRefused
from portal.periods import legal_period
from portal.roles import Role, has_role, is_bureau
from portal.services import notify, notify_bureau

from . import rating_rules as rules
from .rating_models import FollowUpStatus, RatingFollowUp, ServiceKind, ServiceRating
from .workflow import RATING_FOLLOW_UP


@dataclass(frozen=True)
class CompletedService:
    kind: str
    pk: int
    reference: str
    enterprise_id: int
    enterprise_name: str
    completed_on: date

    @property
    def kind_display(self) -> str:
        return str(ServiceKind(self.kind).label)


# --- which services are completed -------------------------------------------------------------------

def _applications(qs_filter: dict, limit: int | None):
    from applications.models import Application, ApplicationStatus

    qs = Application.objects.filter(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.REJECTED],
                                    decided_at__isnull=False, **qs_filter).select_related("organisation")
    qs = qs.order_by("-decided_at", "-id")[:limit] if limit else qs
    return [CompletedService(ServiceKind.APPLICATION, a.pk, a.reference_number or f"#{a.pk}", a.organisation_id,
                             a.organisation.name, timezone.localtime(a.decided_at).date()) for a in qs]


def _licences(qs_filter: dict, limit: int | None):
    from traceability.models import Licence

    qs = Licence.objects.filter(issued_on__isnull=False, **_by_enterprise(qs_filter)).select_related("enterprise")
    qs = qs.order_by("-issued_on", "-id")[:limit] if limit else qs
    return [CompletedService(ServiceKind.LICENCE, lic.pk, lic.number or f"#{lic.pk}", lic.enterprise_id,
                             lic.enterprise.name, lic.issued_on) for lic in qs]


def _exits(qs_filter: dict, limit: int | None):
    from compliance.models import ExitApplication, ExitStatus

    qs = ExitApplication.objects.filter(status__in=[ExitStatus.APPROVED, ExitStatus.REFUSED], decided_on__isnull=False,
                                        **_by_enterprise(qs_filter)).select_related("enterprise")
    qs = qs.order_by("-decided_on", "-id")[:limit] if limit else qs
    return [CompletedService(ServiceKind.EXIT, e.pk, _("退出申请（%(day)s）") % {"day": e.submitted_on.isoformat()},
                             e.enterprise_id, e.enterprise.name, e.decided_on) for e in qs]


def _complaints(qs_filter: dict, limit: int | None):
    from .models import Complaint, ComplaintStatus

    qs = Complaint.objects.filter(status=ComplaintStatus.CLOSED, closed_on__isnull=False,
                                  **_by_enterprise(qs_filter)).select_related("enterprise")
    qs = qs.order_by("-closed_on", "-id")[:limit] if limit else qs
    return [CompletedService(ServiceKind.COMPLAINT, c.pk, c.number, c.enterprise_id, c.enterprise.name, c.closed_on)
            for c in qs]


def _by_enterprise(qs_filter: dict) -> dict:
    """Applications name their enterprise `organisation`; the others `enterprise`."""
    return {k.replace("organisation", "enterprise", 1): v for k, v in qs_filter.items()}


READERS = {ServiceKind.APPLICATION: _applications, ServiceKind.LICENCE: _licences, ServiceKind.EXIT: _exits,
           ServiceKind.COMPLAINT: _complaints}
# The enterprise rates these itself; a complaint is its complainant's to rate.
ENTERPRISE_KINDS = (ServiceKind.APPLICATION, ServiceKind.LICENCE, ServiceKind.EXIT)


def completed_service(kind: str, pk: int) -> CompletedService | None:
    if kind not in READERS:
        return None
    found = READERS[kind]({"pk": pk}, None)
    return found[0] if found else None


def services_to_rate(user, limit: int = 50) -> list[CompletedService]:
    """The enterprise's completed services it has not rated yet, latest first (a bounded number of queries)."""
    if not has_role(user, Role.ENTERPRISE_USER) or not user.organisation_id:
        return []
    found = [s for kind in ENTERPRISE_KINDS for s in READERS[kind]({"organisation_id": user.organisation_id}, limit)]
    rated = set(ServiceRating.objects.filter(enterprise_id=user.organisation_id).values_list("service_kind", "object_id"))
    return sorted([s for s in found if (str(s.kind), s.pk) not in rated],
                  key=lambda s: (s.completed_on, s.kind, s.pk), reverse=True)


def ratings_visible_to(user):
    """The bureau sees every rating; an enterprise the ratings it gave (not the complainants' of it)."""
    base = ServiceRating.objects.select_related("enterprise", "rated_by", "follow_up")
    if is_bureau(user):
        return base
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return base.filter(enterprise_id=user.organisation_id, rated_by__isnull=False,
                           service_kind__in=ENTERPRISE_KINDS)
    return base.none()


def follow_ups_visible_to(user):
    if not is_bureau(user):
        return RatingFollowUp.objects.none()
    return RatingFollowUp.objects.select_related("rating", "rating__enterprise", "resolved_by")


# --- the complainant's link -------------------------------------------------------------------------

TOKEN_SALT = "supervision.rating.complaint"


def complaint_token(complaint) -> str:
    """The signed token of the rating link given to the complainant when the complaint is closed."""
    # Signer, not dumps: no timestamp, so a complaint has one link however often it is shown.
    return signing.Signer(salt=TOKEN_SALT).sign_object({"complaint": complaint.pk, "number": complaint.number})


def complaint_of_token(token: str) -> int | None:
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(token or "")
    except signing.BadSignature:
        return None
    return data.get("complaint") if isinstance(data, dict) else None


def complaint_rating_url(complaint) -> str:
    return reverse("supervision:public-rate-complaint", args=[complaint_token(complaint)])


# --- services ---------------------------------------------------------------------------------------

def _clean(score, comment: str) -> tuple[int, str]:
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    comment = (comment or "").strip()
    if not rules.valid_score(score):
        raise ValidationError({"score": [_("请选择 1 至 5 分的评价。")]})
    if len(comment) > rules.COMMENT_MAX:
        raise ValidationError({"comment": [_("评价意见不超过 %(n)d 个字。") % {"n": rules.COMMENT_MAX}]})
    if rules.is_bad(score) and not comment:
        raise ValidationError({"comment": [_("差评请说明不满意的原因，以便整改回访。")]})
    return score, comment


@transaction.atomic
def rate_service(kind: str, pk: int, *, score, comment: str = "", actor=None, token: str = "",
                 today: date) -> ServiceRating:
    """Rate a completed service 1–5 (国办发〔2019〕51号). The enterprise rates its own application, licence
    and exit decisions; a complaint is rated with the complainant's token. A second rating of the same
    service is refused (409) by the database's unique constraint; a 差评 opens one follow-up case."""
    service = completed_service(kind, pk)
    if kind == ServiceKind.COMPLAINT:
        if complaint_of_token(token) != pk:
            raise PermissionDenied
        rater = None
    else:
        if actor is None or not has_role(actor, Role.ENTERPRISE_USER) or service is not None \
                and service.enterprise_id != actor.organisation_id:
            raise PermissionDenied
        rater = actor
    if service is None:
        raise RuleRefused([rules.NOT_COMPLETED])
    score, comment = _clean(score, comment)
    try:
        with transaction.atomic():
            rating = ServiceRating.objects.create(
                service_kind=kind, object_id=pk, reference=service.reference[:64], enterprise_id=service.enterprise_id,
                completed_on=service.completed_on, score=score, comment=comment, rated_by=rater, rated_on=today)
    except IntegrityError:
        raise RuleRefused([rules.RATED_ALREADY]) from None
    log_action(rating, "rating.submitted", rater, data={"score": score, "service": str(kind), "reference": service.reference},
               visible_to_enterprise=False)
    if rules.is_bad(score):
        _open_follow_up(rating, today=today)
    return rating


def _open_follow_up(rating: ServiceRating, *, today: date) -> RatingFollowUp:
    period = legal_period(today, working_days=rules.follow_up_working_days())
    follow_up = RatingFollowUp.objects.create(rating=rating, opened_on=today, due_on=period.ends_on)
    log_action(follow_up, "rating_follow_up.opened", None, to_status=follow_up.status,
               data={"due_on": period.ends_on.isoformat(), "provisional": period.provisional, "score": rating.score},
               visible_to_enterprise=False)
    notify_bureau(code="rating_follow_up.opened",
                  title=_("收到差评：%(service)s %(ref)s") % {"service": rating.get_service_kind_display(),
                                                            "ref": rating.reference},
                  body=_("请于 %(due)s 前整改回访并答复评价人。") % {"due": period.ends_on.isoformat()},
                  link=reverse("supervision:follow-up-detail", args=[follow_up.pk]),
                  event_key=f"rating_follow_up:{follow_up.pk}:opened")
    return follow_up


@transaction.atomic
def resolve_follow_up(follow_up: RatingFollowUp, *, reply: str, actor, today: date) -> RatingFollowUp:
    """The bureau records what was put right and answers the rater (open → resolved)."""
    locked = RatingFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    RATING_FOLLOW_UP.check(locked, "resolve", actor=actor, today=today)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": [_("请填写整改情况及对评价人的答复。")]})
    locked.status, locked.reply, locked.resolved_on, locked.resolved_by = FollowUpStatus.RESOLVED, reply, today, actor
    locked.save(update_fields=["status", "reply", "resolved_on", "resolved_by"])
    log_action(locked, "rating_follow_up.resolved", actor, from_status=FollowUpStatus.OPEN, to_status=locked.status,
               reason=reply, data={"on_time": rules.resolved_on_time(locked.due_on, today)}, visible_to_enterprise=False)
    rating = locked.rating
    if rating.rated_by_id:
        notify([rating.rated_by], code="rating_follow_up.resolved",
               title=_("您对 %(ref)s 的评价已有答复") % {"ref": rating.reference}, body=reply,
               link=reverse("supervision:ratings"), event_key=f"rating_follow_up:{locked.pk}:resolved")
    return locked


# --- monthly figures --------------------------------------------------------------------------------

def monthly_figures(today: date, months: int = 12) -> list[rules.MonthFigures]:
    """The last `months` months with ratings, newest first: count, mean, 好评/差评 shares, follow-ups on
    time (two queries)."""
    scores: dict[str, list[int]] = {}
    for month, score, n in (ServiceRating.objects.annotate(month=TruncMonth("rated_on"))
                            .values_list("month", "score").annotate(n=Count("id")).order_by()):
        scores.setdefault(f"{month:%Y-%m}", []).extend([score] * n)
    follow_ups: dict[str, list] = {}
    for rated_on, due_on, resolved_on in RatingFollowUp.objects.values_list("rating__rated_on", "due_on", "resolved_on"):
        follow_ups.setdefault(f"{rated_on:%Y-%m}", []).append((due_on, resolved_on))
    keys = sorted(set(scores) | set(follow_ups), reverse=True)[:months]
    return [rules.month_figures(key, scores.get(key, []), follow_ups.get(key, []), today) for key in keys]


FIGURE_HEADERS = [_("月份"), _("评价数"), _("平均分"), _("好评数"), _("差评数"), _("好评率（百分比）"), _("差评率（百分比）"),
                  _("差评整改回访数"), _("按期反馈数"), _("逾期数"), _("办理中"), _("按期反馈率（百分比）")]


def figure_rows(figures: list[rules.MonthFigures]) -> list[list]:
    def cell(value):
        return "—" if value is None else value

    return [[f.month, f.count, cell(f.mean), f.good, f.bad, cell(f.good_share), cell(f.bad_share), f.follow_ups,
             f.on_time, f.late, f.pending, cell(f.on_time_share)] for f in figures]


# --- the complainant is given the link on closing ---------------------------------------------------

def invite_complainant(complaint) -> None:
    """On closing (实施方案三(四)) the complainant, who has no account, is e-mailed the rating link (after
    commit; a broker that is down loses only this e-mail: the bureau's page shows the link to pass on)."""
    if not complaint.contact_email:
        return
    from .tasks import send_rating_invitation

    transaction.on_commit(lambda pk=complaint.pk: send_rating_invitation.delay(pk), robust=True)


def send_invitation_email(complaint_pk: int) -> bool:
    from django.conf import settings
    from django.core.mail import send_mail

    from .models import Complaint

    complaint = Complaint.objects.filter(pk=complaint_pk, closed_on__isnull=False).first()
    if complaint is None or not complaint.contact_email:
        return False
    send_mail(
        subject=_("投诉 %(number)s 已办结，请您评价") % {"number": complaint.number},
        message=_("您的投诉 %(number)s 已办结。请通过以下链接对办理情况评价（1–5 分），每项投诉只能评价一次：")
        % {"number": complaint.number} + "\n" + complaint_rating_url(complaint),
        from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[complaint.contact_email],
    )
    return True

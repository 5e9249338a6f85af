"""通知公告 (issue 23 point 3): who sees an announcement, and the changes to one.

The bureau writes an announcement to all pilot enterprises, to applicants or to the public, publishes it
(each user of the audience is told in the inbox) and may retract it with a reason: the retraction notice
then stands in place of the text. An enterprise user's first opening of a published announcement is a
read receipt (once per user: a database constraint); the bureau sees who of the audience has not read it.
Services take `actor` and `today`, lock the row, check the declared workflow, change and log.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from .activity import log_action
from .announcement_models import Announcement, AnnouncementRead, AnnouncementStatus, Audience
from .announcements_workflow import ANNOUNCEMENT
from .models import PilotStatus, User
from .roles import OrganisationKind, Role, has_role, is_bureau

# A pilot enterprise (办法第五条) while designated or suspended; a revoked or exited one no longer is.
PILOT_STATUSES = (PilotStatus.DESIGNATED, PilotStatus.SUSPENDED)
SHOWN_STATUSES = (AnnouncementStatus.PUBLISHED, AnnouncementStatus.RETRACTED)
TITLE_MAX = 200
BODY_MAX = 20000


# --- who is addressed -----------------------------------------------------------------------------

def audiences_of(user) -> tuple[str, ...]:
    """The audiences a user belongs to: everyone is the public; an enterprise user is, besides, a pilot
    enterprise's or an applicant's (an enterprise that is not, or not yet, a pilot)."""
    organisation = getattr(user, "organisation", None) if getattr(user, "is_authenticated", False) else None
    if organisation is None or organisation.kind != OrganisationKind.ENTERPRISE \
            or not has_role(user, Role.ENTERPRISE_USER):
        return (Audience.PUBLIC,)
    if organisation.pilot_status in PILOT_STATUSES:
        return (Audience.PILOTS, Audience.PUBLIC)
    if organisation.pilot_status == PilotStatus.NONE:
        return (Audience.APPLICANTS, Audience.PUBLIC)
    return (Audience.PUBLIC,)


def audience_users(audience: str):
    """The enterprise users an announcement addresses (told on publication, expected to read it)."""
    users = User.objects.filter(is_active=True, groups__name=Role.ENTERPRISE_USER,
                                organisation__kind=OrganisationKind.ENTERPRISE)
    if audience == Audience.PILOTS:
        users = users.filter(organisation__pilot_status__in=PILOT_STATUSES)
    elif audience == Audience.APPLICANTS:
        users = users.filter(organisation__pilot_status=PilotStatus.NONE)
    return users.select_related("organisation").distinct().order_by("organisation__name", "username")


# --- selectors -------------------------------------------------------------------------------------

def announcements_visible_to(user):
    """The bureau sees every announcement, drafts included; anyone else (the public included) the
    published and retracted ones of their audiences — a retracted one only as its retraction notice."""
    base = Announcement.objects.select_related("published_by", "retracted_by")
    if is_bureau(user):
        return base
    return base.filter(status__in=SHOWN_STATUSES, audience__in=audiences_of(user))


def current_for(user, limit: int = 5):
    """The dashboards' panel: the latest published announcements for the user, with `is_read` for an
    enterprise user (one query)."""
    qs = announcements_visible_to(user).filter(status=AnnouncementStatus.PUBLISHED)
    if getattr(user, "is_authenticated", False):
        qs = qs.annotate(is_read=Exists(AnnouncementRead.objects.filter(announcement=OuterRef("pk"), user=user)))
    return list(qs.order_by("-published_on", "-id")[:limit])


def get_announcement_for(user, pk: int) -> Announcement:
    from .selectors import get_visible_or_404

    return get_visible_or_404(announcements_visible_to(user), pk=pk)


def receipts(announcement: Announcement) -> list[dict]:
    """Who of the audience read the announcement and when; those who have not, with `read_at` None
    (two queries)."""
    read_at = dict(AnnouncementRead.objects.filter(announcement=announcement).values_list("user_id", "read_at"))
    return [{"user": u, "organisation": u.organisation, "read_at": read_at.get(u.pk)}
            for u in audience_users(announcement.audience)]


# --- services --------------------------------------------------------------------------------------

def _clean(title: str, body: str, audience: str) -> tuple[str, str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("请填写标题。")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("标题不超过 %(n)d 个字。") % {"n": TITLE_MAX}]
    if not body:
        errors["body"] = [_("请填写正文。")]
    elif len(body) > BODY_MAX:
        errors["body"] = [_("正文不超过 %(n)d 个字。") % {"n": BODY_MAX}]
    if audience not in Audience.values:
        errors["audience"] = [_("请选择发布范围。")]
    if errors:
        raise ValidationError(errors)
    return title, body, audience


@transaction.atomic
def create_announcement(*, title: str, body: str, audience: str, actor, today: date) -> Announcement:
    if not is_bureau(actor):
        raise PermissionDenied
    title, body, audience = _clean(title, body, audience)
    announcement = Announcement.objects.create(title=title, body=body, audience=audience, created_by=actor)
    log_action(announcement, "announcement.created", actor, to_status=announcement.status,
               data={"audience": audience}, visible_to_enterprise=False)
    return announcement


def _locked(announcement: Announcement, code: str, *, actor, today: date) -> Announcement:
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    ANNOUNCEMENT.check(locked, code, actor=actor, today=today)
    return locked


@transaction.atomic
def edit_announcement(announcement: Announcement, *, title: str, body: str, audience: str, actor,
                      today: date) -> Announcement:
    locked = _locked(announcement, "edit", actor=actor, today=today)
    locked.title, locked.body, locked.audience = _clean(title, body, audience)
    locked.save(update_fields=["title", "body", "audience"])
    log_action(locked, "announcement.edited", actor, visible_to_enterprise=False)
    return locked


def _link(announcement: Announcement) -> str:
    return reverse("public-announcement", args=[announcement.pk])


@transaction.atomic
def publish_announcement(announcement: Announcement, *, actor, today: date) -> Announcement:
    """Publish: the audience sees it on its dashboards and the list, and each addressed enterprise user
    is told once in the inbox (and by e-mail after commit)."""
    from .services import notify

    locked = _locked(announcement, "publish", actor=actor, today=today)
    locked.status = AnnouncementStatus.PUBLISHED
    locked.published_on, locked.published_by = today, actor
    locked.save(update_fields=["status", "published_on", "published_by"])
    log_action(locked, "announcement.published", actor, from_status=AnnouncementStatus.DRAFT,
               to_status=locked.status, data={"audience": locked.audience})
    notify(audience_users(locked.audience), code="announcement.published",
           title=_("通知公告：%(title)s") % {"title": locked.title}, body=locked.get_audience_display(),
           link=_link(locked), event_key=f"announcement:{locked.pk}:published")
    return locked


@transaction.atomic
def retract_announcement(announcement: Announcement, *, reason: str, actor, today: date) -> Announcement:
    """Retract a published announcement: its text is no longer shown anywhere; a retraction notice with
    the reason stands in its place."""
    locked = _locked(announcement, "retract", actor=actor, today=today)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("请填写撤回理由，撤回说明将公开显示。")]})
    locked.status = AnnouncementStatus.RETRACTED
    locked.retracted_on, locked.retracted_by, locked.retraction_reason = today, actor, reason
    locked.save(update_fields=["status", "retracted_on", "retracted_by", "retraction_reason"])
    log_action(locked, "announcement.retracted", actor, from_status=AnnouncementStatus.PUBLISHED,
               to_status=locked.status, reason=reason)
    return locked


def record_read(announcement: Announcement, user) -> bool:
    """An enterprise user's read receipt of a published announcement, once per user (the database's
    unique constraint decides a race); True when this was the first reading."""
    if announcement.status != AnnouncementStatus.PUBLISHED or not has_role(user, Role.ENTERPRISE_USER) \
            or announcement.audience not in audiences_of(user):
        return False
    _receipt, created = AnnouncementRead.objects.get_or_create(announcement=announcement, user=user)
    return created

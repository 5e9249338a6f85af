from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .identifiers import check_uscc
from .roles import OrganisationKind, has_role, role_names


def validate_uscc(value: str) -> None:
    result = check_uscc(value)
    if not result.valid:
        raise ValidationError(
            _("统一社会信用代码无效（GB 32100-2015：%(problem)s）"),
            code="uscc_invalid",
            params={"problem": result.problem},
        )


class PilotStatus(models.TextChoices):
    NONE = "none", _("非试点企业")
    DESIGNATED = "designated", _("试点企业")
    SUSPENDED = "suspended", _("暂停")
    REVOKED = "revoked", _("已撤销试点资格")
    EXITED = "exited", _("已主动退出")


class Organisation(models.Model):
    name = models.CharField(_("名称"), max_length=200, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    kind = models.CharField(_("机构类型"), max_length=32, choices=OrganisationKind.choices)
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True, validators=[validate_uscc]
    )
    registered_district = models.CharField(_("注册地行政区划代码"), max_length=6, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    certificate_number = models.CharField(
        _("资质证书编号"), max_length=64, blank=True, help_text=_("检测机构的 CMA/CNAS 资质证书编号")
    )
    # 办法第五条: the designation date starts the 第八条 clocks.
    pilot_status = models.CharField(
        _("试点状态"), max_length=16, choices=PilotStatus.choices, default=PilotStatus.NONE
    )
    designated_on = models.DateField(_("确定为试点企业日期"), null=True, blank=True)
    pilot_status_changed_on = models.DateField(_("试点状态变更日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="enterprise_has_uscc",
                condition=~Q(kind=OrganisationKind.ENTERPRISE) | Q(uscc__isnull=False),
            ),
            models.CheckConstraint(
                name="pilot_has_designation_date",
                condition=Q(pilot_status=PilotStatus.NONE) | Q(designated_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_enterprise(self) -> bool:
        return self.kind == OrganisationKind.ENTERPRISE

    @property
    def in_good_standing(self) -> bool:
        """api.md: designated and not suspended, revoked or exited."""
        return self.pilot_status == PilotStatus.DESIGNATED


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("所属机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    email_notifications = models.BooleanField(_("接收邮件通知"), default=True)
    # Set at every password change (portal.passwords); PASSWORD_MAX_AGE_DAYS counts from it.
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    @property
    def roles(self) -> frozenset[str]:
        return role_names(self)

    def has_role(self, *roles: str) -> bool:
        return has_role(self, *roles)

    @property
    def display_name(self) -> str:
        # Chinese names read family name first: 张 + 经办 → 张经办.
        return f"{self.last_name}{self.first_name}".strip() or self.username

    def get_full_name(self) -> str:
        """Django's default is "first last" ("经办 张"); names are written family name first."""
        return f"{self.last_name}{self.first_name}".strip()


class Notification(models.Model):
    """One message in a user's in-portal inbox; e-mail is sent by a Celery task."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    code = models.CharField(max_length=64, help_text="dotted event code, e.g. application.accepted")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Who is sending the e-mail now (compare-and-set); a claim older than EMAIL_CLAIM_MINUTES is
    # a sender that died, and the resend job takes the e-mail over (issue 22 point 4).
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    # Makes "sent once per event" a database fact: the same event key never notifies twice.
    event_key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["created_at"], condition=Q(emailed_at__isnull=True), name="notification_unsent_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], condition=~Q(event_key=""), name="notification_once_per_event"
            )
        ]


class CalendarYear(models.Model):
    """A year whose statutory holidays and adjusted working days are in the table."""

    year = models.PositiveIntegerField(unique=True)
    source = models.CharField(max_length=64, default="chinesecalendar")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """An exception to Monday–Friday: a weekday holiday or an adjusted working weekend day."""

    date = models.DateField(unique=True)
    is_working_day = models.BooleanField()
    name = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_working_day else '休息'} {self.name}"


class Heartbeat(models.Model):
    """Written by the beat-scheduled heartbeat task, so /healthz can tell that beat is alive."""

    name = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()


class ActivityLog(models.Model):
    """One row per action on a case, application, licence…: the timeline both sides read.

    pretix's LogEntry habit: a dotted action code, the actor, the time and the data. Rows are
    never changed (the migration's trigger refuses UPDATE and DELETE on PostgreSQL).
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    action = models.CharField(max_length=64, help_text="dotted code, e.g. application.submitted")
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    # False: seen only by officials (an internal note); True: the enterprise sees it too.
    visible_to_enterprise = models.BooleanField(default=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so none of the last PASSWORD_HISTORY_COUNT is reused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)  # a Django password hash, never the password
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_user_idx")]


class IntegrationKey(models.Model):
    """An agency system's API key (api.md v1.1 "Authentication"): issued by the bureau, scoped to
    event types, expiring, revocable; only a SHA-256 digest of the key is kept (it is shown once).
    It acts as its own service account, which holds the agency's role."""

    name = models.CharField(_("名称"), max_length=100)
    organisation = models.ForeignKey(Organisation, verbose_name=_("机构"), on_delete=models.PROTECT,
                                     related_name="integration_keys")
    account = models.OneToOneField(User, on_delete=models.PROTECT, related_name="integration_key", editable=False)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    event_types = models.JSONField(_("可记录的事件类型"), default=list)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("接口密钥")
        verbose_name_plural = _("接口密钥")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and self.expires_at > now


# 通知公告 (issue 23 point 3) and 政策参数版本 (issue 24 point 2): their models live in their own modules.
from .announcement_models import Announcement, AnnouncementRead  # noqa: E402,F401
from .policy_models import PolicyVersion, PolicyVersionStatus  # noqa: E402,F401

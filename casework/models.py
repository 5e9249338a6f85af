"""Case work for officials: clocks for every deadline, assignments, notes, requests for
information (补正) and discrepancies found across agencies."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.uploads import StoredDocument


class ClockKind(models.TextChoices):
    """An enterprise duty (compliance's obligations) or an official's service time (a setting)."""

    ENTERPRISE_DUTY = "enterprise_duty", _("企业义务期限")
    INTAKE = "intake", _("受理时限")
    LICENCE_ISSUE = "licence_issue", _("许可证签发时限")
    COMPLAINT_ANSWER = "complaint_answer", _("投诉办结时限")
    INFORMATION = "information", _("补正答复期限")


class ClockStatus(models.TextChoices):
    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("暂停（补正中）")
    STOPPED = "stopped", _("已办结")


class Clock(models.Model):
    """One deadline: when it started, how it is counted, its pauses and the due date they give."""

    kind = models.CharField(_("类别"), max_length=24, choices=ClockKind.choices)
    article = models.CharField(_("依据"), max_length=60)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=40)
    subject = GenericForeignKey("subject_type", "subject_id")
    label = models.CharField(_("事项"), max_length=200)
    organisation = models.ForeignKey(
        "portal.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="clocks",
        help_text=_("须在期限内办理的企业；为空时是市商务局的办理时限"),
    )
    started_on = models.DateField(_("起算日期"))
    working_days = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    base_due_on = models.DateField(_("原定截止日期"))
    due_on = models.DateField(_("截止日期"), db_index=True)
    paused_working_days = models.PositiveSmallIntegerField(_("暂停工作日数"), default=0)
    provisional = models.BooleanField(default=False)
    status = models.CharField(_("状态"), max_length=16, choices=ClockStatus.choices, default=ClockStatus.RUNNING)
    stopped_on = models.DateField(_("办结日期"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_type", "subject_id"], name="one_clock_per_subject_kind"),
            models.CheckConstraint(name="clock_stopped_has_date", condition=~Q(status="stopped") | Q(stopped_on__isnull=False)),
            models.CheckConstraint(name="clock_due_not_before_base", condition=Q(due_on__gte=models.F("base_due_on"))),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.label} · {self.due_on}"


class ClockPause(models.Model):
    """A 补正 / request for information: the clock stands still from `started_on` to `ended_on`."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="pauses")
    source = models.CharField(max_length=60)
    reason = models.CharField(_("暂停事由"), max_length=200)
    started_on = models.DateField(_("暂停日期"))
    ended_on = models.DateField(_("恢复日期"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("暂停工作日数"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["clock", "source"], name="one_pause_per_clock_source"),
            models.UniqueConstraint(fields=["clock"], condition=Q(ended_on__isnull=True), name="one_open_pause_per_clock"),
            models.CheckConstraint(name="pause_ends_after_start", condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on"))),
        ]


class CaseKind(models.TextChoices):
    """What waits in a work queue; each kind is read from its own app's model."""

    APPLICATION = "application", _("试点申请受理")
    CORRECTION = "correction", _("申请补正")
    REVIEW_ROUND = "review_round", _("评审批次")
    LICENCE = "licence", _("出口许可证")
    RECTIFICATION = "rectification", _("整改通知")
    REVOCATION = "revocation", _("取消试点资格案件")
    COMPLAINT = "complaint", _("投诉")
    DISCREPANCY = "discrepancy", _("跨部门数据不一致")
    INFORMATION = "information", _("补正答复")
    DEREGISTRATION = "deregistration", _("待注销登记车辆")
    CLEARANCE = "clearance", _("待报关放行车辆")
    INSPECTION = "inspection", _("待复检车辆")
    DECISION = "decision", _("待签发决定")
    EXIT = "exit", _("退出试点申请")
    MEETING_TASK = "meeting_task", _("联席会议交办事项")
    INCIDENT = "incident", _("应急事件")  # 实施方案三(四) (compliance.incidents)
    RATING_FOLLOW_UP = "rating_follow_up", _("差评整改回访")


class CaseAssignment(models.Model):
    """Who in the organisation works a case (take ownership, assign, reassign)."""

    kind = models.CharField(max_length=24, choices=CaseKind.choices)
    object_id = models.PositiveBigIntegerField()
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_assignee_per_case")]


class CaseNote(models.Model):
    kind = models.CharField(max_length=24, choices=CaseKind.choices)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("内容"))
    internal = models.BooleanField(_("仅内部可见"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["kind", "object_id"])]


class CaseNoteAttachment(StoredDocument):
    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="attachments")


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("名称"), max_length=80)
    query = models.CharField(max_length=500)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_unique")]


class InformationStatus(models.TextChoices):
    OPEN = "open", _("待补正")
    ANSWERED = "answered", _("已补正")
    WITHDRAWN = "withdrawn", _("逾期视为撤回")


class InformationRequest(models.Model):
    """A request for information (补正) on any case kind; its clocks pause while it is open."""

    kind = models.CharField(max_length=24, choices=CaseKind.choices)
    object_id = models.PositiveBigIntegerField()
    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="+")
    items = models.TextField(_("补正事项"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("发出日期"))
    deadline = models.DateField(_("补正期限"), db_index=True)
    status = models.CharField(max_length=16, choices=InformationStatus.choices, default=InformationStatus.OPEN)
    answer = models.TextField(_("补正说明"), blank=True)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], condition=Q(status="open"), name="one_open_information_request"),
            models.CheckConstraint(name="information_answered_has_date", condition=~Q(status="answered") | Q(answered_on__isnull=False)),
        ]


class DiscrepancyKind(models.TextChoices):
    DEREGISTERED_BEFORE_CLEARANCE = "deregistered_before_clearance", _("注销登记日期早于海关放行日期")
    INSPECTED_AFTER_CLEARANCE = "inspected_after_clearance", _("检测日期晚于海关放行日期")
    VIN_ON_TWO_LIVE_LICENCES = "vin_on_two_live_licences", _("同一 VIN 列于两张有效许可证")
    EXPORT_BY_INELIGIBLE_ENTERPRISE = "export_by_ineligible_enterprise", _("企业被取消或暂停资格后仍有出口")
    EXPORT_BAN_AFTER_ISSUE = "export_ban_after_issue", _("许可证签发后发现车辆属禁止出口情形")


class DiscrepancyStatus(models.TextChoices):
    OPEN = "open", _("待核查")
    RESOLVED = "resolved", _("已核查处理")


class Discrepancy(models.Model):
    """One finding of the consistency checks; the unique key makes a rerun find, not open, it."""

    kind = models.CharField(_("类别"), max_length=40, choices=DiscrepancyKind.choices)
    vehicle = models.ForeignKey("traceability.Vehicle", on_delete=models.PROTECT, related_name="discrepancies")
    key = models.CharField(max_length=60, default="")
    acting_kind = models.CharField(_("应处理部门"), max_length=24)  # portal.roles.OrganisationKind
    found_on = models.DateField(_("发现日期"))
    details = models.CharField(_("说明"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=DiscrepancyStatus.choices, default=DiscrepancyStatus.OPEN)
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("数据不一致")
        verbose_name_plural = _("数据不一致")
        constraints = [models.UniqueConstraint(fields=["kind", "vehicle", "key"], name="one_discrepancy_per_finding")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.vehicle_id}"


# --- Maker–checker decisions and their letters (issue 13 point 4) -----------------------------------


class LetterKind(models.TextChoices):
    REFUSAL = "refusal", _("不予签发出口许可证决定书")
    RECTIFICATION = "rectification", _("责令限期整改通知书")
    REVOCATION = "revocation", _("取消试点资格决定书")
    LICENCE = "licence", _("准予签发出口许可证决定书")
    PILOT_REFUSAL = "pilot_refusal", _("不予批准试点企业申请决定书")
    LICENCE_SUSPENSION = "licence_suspend", _("暂停出口许可证决定书")
    LICENCE_REVOCATION = "licence_revoke", _("撤销出口许可证决定书")
    EXIT_APPROVAL = "exit_approval", _("准予退出试点决定书")
    EXIT_REFUSAL = "exit_refusal", _("不予批准退出试点决定书")
    INCIDENT_ORDER = "incident_order", _("应急处置责令通知书")


class LetterTemplate(models.Model):
    """A versioned letter text: never edited, a change adds the next version (append-only).

    `body` is a string.Template: $enterprise, $facts, $article, $item, $decision, $deadline.
    """

    kind = models.CharField(_("文书类别"), max_length=16, choices=LetterKind.choices)
    version = models.PositiveIntegerField(_("版本"))
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="letter_template_version_unique"),
            models.CheckConstraint(name="letter_template_version_positive", condition=Q(version__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class DecisionStatus(models.TextChoices):
    PREPARED = "prepared", _("已拟办，待负责人签发")
    AUTHORISED = "authorised", _("已签发")
    RETURNED = "returned", _("负责人退回")


class Decision(models.Model):
    """A decision prepared by one official (maker) and authorised by the bureau head (checker)."""

    kind = models.CharField(_("决定类别"), max_length=16, choices=LetterKind.choices)
    case_kind = models.CharField(max_length=24, choices=CaseKind.choices)
    object_id = models.PositiveBigIntegerField()
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("企业"))
    facts = models.TextField(_("事实与理由"))
    article = models.CharField(_("依据条款"), max_length=80)
    item = models.CharField(_("具体项"), max_length=200, blank=True)
    grounds = models.TextField(_("不符合的条件"), blank=True)  # pilot refusal: the failed criteria, as prepared
    revoke = models.BooleanField(_("取消试点资格"), null=True, blank=True)  # revocation: revoke or dismiss
    deadline = models.DateField(_("整改期限"), null=True, blank=True)  # rectification
    # revocation: the answer to the enterprise's statement (陈述、申辩), stated in the letter (v1.1)
    statement_reply = models.TextField(_("对陈述申辩的复核意见"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.PREPARED)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_on = models.DateField(_("拟办日期"))
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    authorised_on = models.DateField(_("签发日期"), null=True, blank=True)
    return_note = models.TextField(_("退回意见"), blank=True)

    class Meta:
        ordering = ["-prepared_on", "-id"]
        verbose_name = _("决定")
        verbose_name_plural = _("决定")
        constraints = [
            models.CheckConstraint(name="decision_maker_is_not_checker",
                                   condition=Q(authorised_by__isnull=True) | ~Q(authorised_by=models.F("prepared_by"))),
            models.CheckConstraint(name="decision_authorised_has_checker",
                                   condition=~Q(status="authorised") | Q(authorised_by__isnull=False,
                                                                          authorised_on__isnull=False)),
            models.UniqueConstraint(fields=["case_kind", "object_id"], condition=Q(status="prepared"),
                                    name="one_prepared_decision_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.enterprise}"


class DecisionLetter(models.Model):
    """The issued letter: its number, template version and dates never change (append-only but
    for the stored PDF, which regenerating re-renders and re-signs with the same dates)."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="letter")
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters")
    template_version = models.PositiveIntegerField(_("模板版本"))
    number = models.CharField(_("文号"), max_length=40, unique=True)
    issued_on = models.DateField(_("签发日期"))
    reconsideration_until = models.DateField(_("申请行政复议截止日"))
    litigation_until = models.DateField(_("提起行政诉讼截止日"))
    issuing_authority = models.CharField(_("签发机关"), max_length=100)
    pdf = models.BinaryField(default=bytes)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    generation = models.PositiveIntegerField(default=0)
    generated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("决定文书")
        verbose_name_plural = _("决定文书")

    def __str__(self) -> str:
        return self.number

"""Review rounds, panels, stages, conflict declarations, scoring sheets, 公示 and objections (办法第五条)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .rules import StageKind


def default_criteria() -> dict:
    """The split of the policy version in force today (issue 24); services pass the round's own."""
    from django.utils import timezone

    from portal.policy import policy_in_force

    return dict(policy_in_force(timezone.localdate())["review_criteria"])


class RoundStatus(models.TextChoices):
    OPEN = "open", _("评审中")
    SCORING_CLOSED = "scoring_closed", _("评分已结束")
    PUBLICITY_PROPOSED = "publicity_proposed", _("公示待批准")
    PUBLICITY = "publicity", _("公示中")
    DESIGNATED = "designated", _("已确定试点企业")
    FILED = "filed", _("已报商务部备案")


class ReviewRound(models.Model):
    name = models.CharField(_("批次名称"), max_length=200)
    criteria = models.JSONField(_("评分项及满分"), default=default_criteria)
    quorum = models.PositiveSmallIntegerField(_("最少有效评分表数"), default=3)
    comment_share = models.DecimalField(
        _("须填写评语的得分比例"), max_digits=3, decimal_places=2, default="0.60",
        help_text=_("某项得分低于该项满分的此比例时，须填写评语。"),
    )
    outlier_margin = models.DecimalField(
        _("偏离提示分差"), max_digits=5, decimal_places=2, default="10.00",
        help_text=_("某位专家的总分与平均分相差超过此值时予以提示。"),
    )
    status = models.CharField(_("状态"), max_length=24, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    scoring_closed_on = models.DateField(_("评分结束日期"), null=True, blank=True)
    designated_on = models.DateField(_("确定试点企业日期"), null=True, blank=True)
    # The policy version whose defaults (split, quorum, shares) the round took: in force on its day (issue 24).
    policy_version = models.ForeignKey("portal.PolicyVersion", to_field="number", db_column="policy_version",
                                       on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                       verbose_name=_("适用的政策版本"))
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("评审批次")
        verbose_name_plural = _("评审批次")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(name="review_round_quorum_positive", condition=Q(quorum__gte=1)),
            models.CheckConstraint(
                name="review_round_comment_share_0_1", condition=Q(comment_share__gte=0, comment_share__lte=1)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scoring_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class PanelMember(models.Model):
    """A member of the review panel (评审工作小组): police, customs or industry expert."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="review_member_once_per_round")]

    def __str__(self) -> str:
        return self.user.display_name


class Entry(models.Model):
    """One application in a review round, with the panel's result once scoring is closed."""

    round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="entries")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="review_entries"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # 第五条第3项: the panel decides, from the material review and defense, whether to visit.
    site_visit_required = models.BooleanField(_("需实地考察"), null=True, blank=True)
    final_score = models.DecimalField(_("最终得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    per_criterion = models.JSONField(_("各项平均分"), default=dict, blank=True)
    spread = models.JSONField(_("各项极差"), default=dict, blank=True)
    total_spread = models.DecimalField(_("总分极差"), max_digits=5, decimal_places=1, null=True, blank=True)
    submitted_sheets = models.PositiveSmallIntegerField(_("有效评分表数"), default=0)
    rank = models.PositiveSmallIntegerField(_("排名"), null=True, blank=True)
    proposed = models.BooleanField(_("列入拟公示名单"), default=False)
    approved = models.BooleanField(_("确定为试点企业"), null=True, blank=True)

    class Meta:
        verbose_name = _("评审申请")
        verbose_name_plural = _("评审申请")
        ordering = ["rank", "id"]
        constraints = [
            # An application is reviewed in one round.
            models.UniqueConstraint(fields=["application"], name="review_entry_one_round_per_application"),
        ]

    def __str__(self) -> str:
        return str(self.application)

    @property
    def review_step(self) -> str:
        """Where the application stands in the stages of 第五条, derived from the stages on record (the
        order is declared once, in review/workflow.py)."""
        from .workflow import entry_step

        return entry_step(self)


class Stage(models.Model):
    """A stage of 第五条 with its date, place, attendees and outcome; appended, never changed."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="stages")
    stage = models.CharField(_("环节"), max_length=24, choices=StageKind.choices)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200)
    attendees = models.TextField(_("参加人员"), blank=True)
    outcome = models.TextField(_("结果"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("评审环节")
        verbose_name_plural = _("评审环节")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.held_on}"


class ConflictDeclaration(models.Model):
    """利益冲突申报: once per member and application, before the member sees or scores it."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="declarations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    conflict = models.BooleanField(_("存在利益冲突"))
    statement = models.TextField(_("说明"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("利益冲突申报")
        verbose_name_plural = _("利益冲突申报")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["entry", "member"], name="review_declare_once")]


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class ScoreSheet(models.Model):
    """One member's scores for one application. Submitted sheets are locked by a database trigger."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="sheets")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    points = models.JSONField(_("各项得分"), default=dict, blank=True)  # {code: "12.5"}
    total = models.DecimalField(_("总分"), max_digits=4, decimal_places=1, default=0)
    comment = models.TextField(_("评语"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评分表")
        verbose_name_plural = _("评分表")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="review_one_sheet_per_member"),
            models.CheckConstraint(name="review_sheet_total_0_100", condition=Q(total__gte=0, total__lte=100)),
            models.CheckConstraint(
                name="review_submitted_sheet_has_time",
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
            ),
        ]

    @property
    def is_submitted(self) -> bool:
        return self.status == SheetStatus.SUBMITTED


class PublicityStatus(models.TextChoices):
    PROPOSED = "proposed", _("待负责人批准")
    PUBLISHED = "published", _("已发布")


class Publicity(models.Model):
    """公示 of a round's proposed list: proposed by an officer, approved by the head (never the same)."""

    round = models.OneToOneField(ReviewRound, on_delete=models.PROTECT, related_name="publicity")
    status = models.CharField(max_length=16, choices=PublicityStatus.choices, default=PublicityStatus.PROPOSED)
    title = models.CharField(_("公示标题"), max_length=200)
    starts_on = models.DateField(_("公示开始日期"))
    working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    ends_on = models.DateField(_("公示截止日期"))
    provisional = models.BooleanField(_("工作日历未覆盖，期限为临时计算"), default=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField()
    # The policy version whose 公示 length applied: in force on the day it was proposed (issue 24).
    policy_version = models.ForeignKey("portal.PolicyVersion", to_field="number", db_column="policy_version",
                                       on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                       verbose_name=_("适用的政策版本"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(name="review_publicity_days_positive", condition=Q(working_days__gte=1)),
            # maker–checker in the database: the approving head is never the proposing officer.
            models.CheckConstraint(
                name="review_publicity_four_eyes",
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("proposed_by")),
            ),
            models.CheckConstraint(
                name="review_publicity_published_is_approved",
                condition=Q(status="proposed") | Q(approved_by__isnull=False, approved_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Objection(models.Model):
    """异议 lodged by anyone during 公示; the contact details are never shown publicly."""

    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="objections")
    # GS + year + serial (GS20260001), shown to the objector and followed in public by it. Numbers given
    # before the GS scheme (YY…) are kept: objectors hold them.
    number = models.CharField(_("异议编号"), max_length=32, unique=True)
    year = models.PositiveSmallIntegerField(_("编号年度"))
    serial = models.PositiveIntegerField(_("年度序号"))
    entry = models.ForeignKey(
        Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="objections",
        verbose_name=_("针对的企业"),
    )
    content = models.TextField(_("异议内容"))
    contact_name = models.CharField(_("联系人"), max_length=100)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    lodged_on = models.DateField(_("提出日期"))
    answer = models.TextField(_("答复"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["lodged_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="review_objection_year_serial_unique"),
            models.CheckConstraint(
                name="review_objection_has_contact", condition=~Q(contact_phone="") | ~Q(contact_email="")
            ),
            models.CheckConstraint(
                name="review_objection_answer_complete",
                condition=Q(answered_on__isnull=True) | ~Q(answer=""),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None

    @property
    def status_label(self) -> str:
        """The status the public follows by the number: 已受理 until answered, then 已答复."""
        return _("已答复") if self.is_answered else _("已受理")


# The panel day (答辩会) lives in its own module; imported here so Django finds its models.
from .panel_models import AgendaItem, Attendance, PanelDay, SheetNote  # noqa: E402,F401

"""Pilot applications (办法第三、四条)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.uploads import StoredDocument

from .validators import (
    validate_district_code,
    validate_export_targets,
    validate_non_negative,
    validate_overseas_outlets,
    validate_uscc_format,
)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交，待受理")
    RETURNED = "returned", _("退回补正")
    ACCEPTED = "accepted", _("已受理")
    IN_REVIEW = "in_review", _("评审中")
    APPROVED = "approved", _("已确定为试点企业")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


# An organisation has at most one open application (api.md).
OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.IN_REVIEW,
)
# The applicant may change the content only in these states; the database enforces it too.
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)

# Columns the workflow may still change once the content is frozen (migration 0004's trigger
# refuses an UPDATE of any other column while the status is outside EDITABLE_STATUSES).
WORKFLOW_COLUMNS = (
    "status",
    "reference_number",
    "submitted_at",
    "updated_at",
    "accepted_at",
    "decided_at",
    "decision_reason",
)


class Application(models.Model):
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="applications", verbose_name=_("申请企业")
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True
    )
    reference_number = models.CharField(_("受理编号"), max_length=32, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    # 信用承诺书 (issue 20): when the applicant ticked it on the check page (or submitted by the API, whose
    # clients agreed to the terms out of band); set with every submission, frozen with the content.
    credit_commitment_at = models.DateTimeField(_("信用承诺时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    # The policy version that judges it (issue 24): the one in force on its first submission day, kept for good.
    policy_version = models.ForeignKey("portal.PolicyVersion", to_field="number", db_column="policy_version",
                                       on_delete=models.PROTECT, null=True, blank=True, editable=False,
                                       related_name="+", verbose_name=_("适用的政策版本"))
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)

    # Step 1: company facts (第三条第1项)
    company_name = models.CharField(_("企业名称"), max_length=200, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc_format])
    registered_district = models.CharField(
        _("注册地行政区划代码"), max_length=6, blank=True, validators=[validate_district_code]
    )
    address = models.CharField(_("注册地址"), max_length=300, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    independent_legal_person = models.BooleanField(_("具有独立法人资格"), null=True)
    has_import_export_rights = models.BooleanField(_("具有进出口经营权"), null=True)
    violations_last_2_years = models.BooleanField(_("近两年有违法违规行为"), null=True)
    fiscal_arrears = models.BooleanField(_("拖欠财政资金"), null=True)
    credit_record_clean = models.BooleanField(_("无不良会计、税务、银行信用记录"), null=True)

    # Step 2: capital and finance (第三条第2项)
    registered_capital = models.DecimalField(_("注册资本（元）"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[validate_non_negative])
    paid_in_capital = models.DecimalField(_("实缴资本（元）"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[validate_non_negative])
    net_assets = models.DecimalField(_("净资产（元）"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[validate_non_negative])

    # Step 3: trade capability and overseas channels (第三条第3、4项)
    foreign_trade_experience = models.TextField(_("外贸经验"), blank=True)
    sourcing_capacity = models.TextField(_("二手车车源整合能力"), blank=True)
    overseas_channels = models.TextField(_("海外贸易渠道"), blank=True)
    destination_policy_knowledge = models.TextField(_("出口目的国汽车产业政策"), blank=True)
    # Step 4: repair and parts system abroad (第三条第4项)
    repair_parts_system = models.TextField(_("海外维修及零配件供应体系"), blank=True)
    # Step 5: priority factors (第三条第4项, never blocking)
    overseas_outlets = models.JSONField(_("海外网点"), default=list, blank=True, validators=[validate_overseas_outlets])
    logistics_park_or_china_europe_railway = models.TextField(_("国际物流园区或中欧班列等平台优势"), blank=True)
    # Step 6: business plan (第四条)
    business_plan = models.TextField(_("经营计划"), blank=True)
    investment_plan = models.TextField(_("投资计划"), blank=True)
    business_model = models.TextField(_("经营模式"), blank=True)
    export_targets = models.JSONField(_("出口目标（按年）"), default=list, blank=True, validators=[validate_export_targets])

    class Meta:
        verbose_name = _("试点申请")
        verbose_name_plural = _("试点申请")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="one_open_application_per_organisation",
            ),
            models.CheckConstraint(
                name="submitted_has_reference_number",
                condition=Q(status__in=[ApplicationStatus.DRAFT.value]) | Q(reference_number__isnull=False)
                | Q(status=ApplicationStatus.WITHDRAWN.value),
            ),
        ]

    def __str__(self) -> str:
        return self.reference_number or f"{self.company_name or self.organisation} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class ReferenceCounter(models.Model):
    """The last reference number given out in a year; its row is locked while a number is taken."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("受理编号计数器")
        verbose_name_plural = _("受理编号计数器")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class AttachmentKind(models.TextChoices):
    BUSINESS_LICENCE = "business_licence", _("营业执照")
    FINANCIAL_STATEMENTS = "financial_statements", _("财务报表或审计报告")
    CAPITAL_PROOF = "capital_proof", _("实缴资本证明")
    IMPORT_EXPORT_REGISTRATION = "import_export_registration", _("进出口经营权证明")
    CREDIT_REPORT = "credit_report", _("信用报告")
    BUSINESS_PLAN = "business_plan", _("二手车出口项目经营计划书")
    OVERSEAS_PROOF = "overseas_proof", _("海外渠道及网点证明")
    OTHER = "other", _("其他材料")


class ApplicationAttachment(StoredDocument):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("材料类型"), max_length=32, choices=AttachmentKind.choices)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["kind", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class JudgementCriterion(models.TextChoices):
    FOREIGN_TRADE_EXPERIENCE = "foreign_trade_experience", _("对外贸易相关经验")
    SOURCING_CAPACITY = "sourcing_capacity", _("二手车车源整合能力")
    OVERSEAS_CHANNELS = "overseas_channels", _("海外贸易渠道")
    DESTINATION_POLICY_KNOWLEDGE = "destination_policy_knowledge", _("熟知出口目的国汽车产业政策")
    REPAIR_PARTS_SYSTEM = "repair_parts_system", _("出口目的国维修及零配件供应体系")


class CriterionFinding(models.Model):
    """A bureau officer's finding on a judgement criterion of 第三条, with its evidence."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(_("评判项"), max_length=40, choices=JudgementCriterion.choices)
    passed = models.BooleanField(_("是否符合"))
    evidence = models.TextField(_("依据"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("评判意见")
        verbose_name_plural = _("评判意见")
        constraints = [models.UniqueConstraint(fields=["application", "code"], name="one_finding_per_criterion")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.code} {self.passed}"


class CorrectionRequest(models.Model):
    """A 补正 request: what the enterprise must fix, and by when (办法第五条 intake)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="corrections")
    items = models.JSONField(_("补正事项"))
    deadline = models.DateField(_("补正期限"), db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(_("重新提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正通知")
        verbose_name_plural = _("补正通知")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.deadline}"

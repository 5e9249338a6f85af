"""Compliance (办法第六、八、十二、十三、十四条): obligations with deadlines, violations, networks
reports, rectification orders, revocation cases and voluntary exit."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.uploads import StoredDocument


class RuleCode(models.TextChoices):
    """domain-rules.md "Dates and deadlines"; articles and texts live in rules.RULES."""

    DEREGISTRATION_2M = "deregistration_2m", _("出口后2个月内办理注销登记")
    FIRST_EXPORT_6M = "first_export_6m", _("确定试点后6个月内开展出口")
    NETWORKS_9M = "networks_9m", _("9个月内建立海外销售、售后服务网络和汽配件供应体系")
    SCALE_3Y = "scale_3y", _("3年内出口数量达到规定规模")
    NO_EXPORT_12M = "no_export_12m", _("连续12个月须有出口实绩")
    RECTIFICATION = "rectification", _("限期整改")
    AFTERSALES_1Y = "aftersales_1y", _("退出后承担已出口车辆1年售后服务责任")
    LICENCE_EXPIRY = "licence_expiry", _("出口许可证有效期")


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("未到期")
    MET = "met", _("已履行")
    OVERDUE = "overdue", _("已逾期")


class ComplianceRun(models.Model):
    """One evaluation of every rule as on `as_of` (the beat job, the command or a test)."""

    as_of = models.DateField(_("评估日期"))
    dry_run = models.BooleanField(default=False)
    trigger = models.CharField(max_length=32, default="service")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    # The policy version in force on as_of, whose periods this run applied (issue 24).
    policy_version = models.ForeignKey("portal.PolicyVersion", to_field="number", db_column="policy_version",
                                       on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                       verbose_name=_("适用的政策版本"))

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("合规评估运行")
        verbose_name_plural = _("合规评估运行")


class Obligation(models.Model):
    """One duty per (rule, enterprise, vehicle or none, period): due on `due_on`, overdue the day after."""

    rule = models.CharField(_("规则"), max_length=32, choices=RuleCode.choices)
    enterprise = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="obligations", verbose_name=_("企业")
    )
    vehicle = models.ForeignKey(
        "traceability.Vehicle", null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    licence = models.ForeignKey(
        "traceability.Licence", null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    rectification_order = models.ForeignKey(
        "compliance.RectificationOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    period_key = models.CharField(max_length=64)
    period_start = models.DateField(_("起算日期"))
    due_on = models.DateField(_("截止日期"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ObligationStatus.choices, default=ObligationStatus.OPEN, db_index=True
    )
    met_on = models.DateField(_("履行日期"), null=True, blank=True)
    overdue_since = models.DateField(_("逾期起始日"), null=True, blank=True)
    target = models.PositiveIntegerField(_("规模目标（辆）"), null=True, blank=True)
    # The policy version whose period dated it (in force on its start, or on the run's day; issue 24).
    policy_version = models.ForeignKey("portal.PolicyVersion", to_field="number", db_column="policy_version",
                                       on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                       verbose_name=_("适用的政策版本"))
    created_in_run = models.ForeignKey(ComplianceRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_in_run = models.ForeignKey(ComplianceRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("义务")
        verbose_name_plural = _("义务")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "vehicle", "period_key"], condition=Q(vehicle__isnull=False),
                name="obligation_once_per_vehicle_period",
            ),
            models.UniqueConstraint(
                fields=["rule", "enterprise", "period_key"], condition=Q(vehicle__isnull=True),
                name="obligation_once_per_enterprise_period",
            ),
            models.CheckConstraint(
                name="obligation_met_has_date", condition=~Q(status="met") | Q(met_on__isnull=False)
            ),
            models.CheckConstraint(
                name="obligation_overdue_has_date", condition=~Q(status="overdue") | Q(overdue_since__isnull=False)
            ),
        ]
        indexes = [
            models.Index(fields=["enterprise", "status", "due_on"]),
            # The daily run judges only open obligations, rule by rule (a few percent of the table).
            models.Index(fields=["rule", "due_on"], condition=Q(status="open"), name="obligation_open_by_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} · {self.due_on}"


class Violation(models.Model):
    """What became overdue: one record per obligation (the database keeps it so)."""

    obligation = models.OneToOneField(Obligation, on_delete=models.PROTECT, related_name="violation")
    rule = models.CharField(max_length=32, choices=RuleCode.choices)
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="violations")
    vehicle = models.ForeignKey("traceability.Vehicle", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    overdue_since = models.DateField(_("逾期起始日"))
    detected_in_run = models.ForeignKey(ComplianceRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    notified_at = models.DateTimeField(null=True, blank=True)
    revocation_case = models.ForeignKey(
        "compliance.RevocationCase", null=True, blank=True, on_delete=models.SET_NULL, related_name="violations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-overdue_since", "-id"]
        verbose_name = _("违规记录")
        verbose_name_plural = _("违规记录")


class ScaleTarget(models.Model):
    """第八条: the 3-year export scale the bureau set (default: the plan's 3-year target)."""

    enterprise = models.OneToOneField("portal.Organisation", on_delete=models.PROTECT, related_name="scale_target")
    vehicles = models.PositiveIntegerField(_("3年出口规模（辆）"))
    source = models.CharField(max_length=16, default="plan")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    set_on = models.DateField(null=True, blank=True)


class BureauDecision(models.Model):
    """Who decided, when and with what note: the bureau's answer to an enterprise's submission."""

    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("审核日期"), null=True, blank=True)
    decision_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        abstract = True


# --- 第八条 networks ---------------------------------------------------------------------------------


class NetworkKind(models.TextChoices):
    SALES_NETWORK = "sales_network", _("海外销售网络")
    AFTERSALES_NETWORK = "aftersales_network", _("售后服务网络")
    PARTS_SUPPLY = "parts_supply", _("汽配件供应体系")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    ACCEPTED = "accepted", _("已认可")
    RETURNED = "returned", _("已退回")


class NetworkReport(BureauDecision):
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="network_reports")
    kind = models.CharField(_("类别"), max_length=32, choices=NetworkKind.choices)
    countries = models.CharField(_("国家（ISO 3166 两位代码，逗号分隔）"), max_length=200)
    partners = models.TextField(_("合作方"))
    addresses = models.TextField(_("地址"))
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("报送日期"))

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("网络建设报告")
        verbose_name_plural = _("网络建设报告")
        constraints = [
            models.CheckConstraint(
                name="network_report_decided_has_date",
                condition=Q(status="submitted") | Q(decided_on__isnull=False, decided_by__isnull=False),
            ),
        ]


class NetworkEvidence(StoredDocument):
    report = models.ForeignKey(NetworkReport, on_delete=models.PROTECT, related_name="evidence")


# --- 第十二条第6项 rectification -------------------------------------------------------------------


class RectificationStatus(models.TextChoices):
    PREPARED = "prepared", _("已拟办，待负责人签发")
    ORDERED = "ordered", _("已责令整改")
    ANSWERED = "answered", _("企业已报送整改情况")
    ACCEPTED = "accepted", _("整改已认可")
    REJECTED = "rejected", _("整改未认可")


class RectificationOrder(BureauDecision):
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="rectification_orders")
    reasons = models.TextField(_("整改事由"))
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=16, choices=RectificationStatus.choices, default=RectificationStatus.PREPARED
    )
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_on = models.DateField()
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ordered_on = models.DateField(_("下达日期"), null=True, blank=True)
    answer = models.TextField(_("整改情况"), blank=True)
    answered_on = models.DateField(_("报送日期"), null=True, blank=True)

    class Meta:
        ordering = ["-prepared_on", "-id"]
        verbose_name = _("整改通知")
        verbose_name_plural = _("整改通知")
        constraints = [
            models.CheckConstraint(
                name="rectification_maker_is_not_checker",
                condition=Q(authorised_by__isnull=True) | ~Q(authorised_by=F("prepared_by")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.deadline}"


class RectificationEvidence(StoredDocument):
    order = models.ForeignKey(RectificationOrder, on_delete=models.PROTECT, related_name="evidence")


# --- 第十二条 revocation ----------------------------------------------------------------------------


class RevocationGround(models.TextChoices):
    """第十二条 items 1–8 (domain-rules.md "Exit")."""

    DISSOLVED_OR_BANKRUPT = "dissolved_or_bankrupt", _("依法解散或申请破产（第十二条第1项）")
    NO_EXPORT_12M = "no_export_12m", _("连续12个月没有出口实绩（第十二条第2项）")
    SERIOUS_DISHONESTY = "serious_dishonesty", _("信用系统显示为严重失信（第十二条第3项）")
    REFUSED_AFTERSALES_OR_SUPERVISION = (
        "refused_aftersales_or_supervision", _("拒不履行售后服务和质量保证义务或拒不接受监管（第十二条第4项）")
    )
    TAX_FRAUD_LICENCE_FRAUD_OR_QUALITY_RISK = (
        "tax_fraud_licence_fraud_or_quality_risk", _("偷税漏税、伪造变造买卖许可证或导致重大质量风险（第十二条第5项）")
    )
    RECTIFICATION_OVERDUE = "rectification_overdue", _("被责令限期整改而逾期未完成（第十二条第6项）")
    FALSE_CUSTOMS_DECLARATION = "false_customs_declaration", _("未如实向海关申报，情节严重（第十二条第7项）")
    OTHER = "other", _("其他不宜继续试点的情形（第十二条第8项）")


class CaseStatus(models.TextChoices):
    NOTIFIED = "notified", _("已告知，陈述申辩期内")
    ANSWERED = "answered", _("企业已陈述申辩")
    REVOKED = "revoked", _("决定取消试点资格")
    DISMISSED = "dismissed", _("决定不予取消")


OPEN_CASE_STATUSES = (CaseStatus.NOTIFIED, CaseStatus.ANSWERED)


class RevocationCase(models.Model):
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="revocation_cases")
    ground = models.CharField(_("取消事由"), max_length=48, choices=RevocationGround.choices)
    reason = models.TextField(_("事实与理由"))
    source = models.CharField(_("来源"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.NOTIFIED)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField(_("立案日期"))
    answer_due_on = models.DateField(_("陈述申辩截止日"))
    answer_due_provisional = models.BooleanField(default=False)
    answer = models.TextField(_("陈述申辩意见"), blank=True)
    answered_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    decision_number = models.CharField(_("决定书文号"), max_length=40, unique=True, null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("取消试点资格案件")
        verbose_name_plural = _("取消试点资格案件")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "ground"], condition=Q(status__in=["notified", "answered"]),
                name="one_open_revocation_case_per_ground",
            ),
            models.CheckConstraint(
                name="revocation_decided_has_reasons",
                condition=Q(status__in=["notified", "answered"])
                | (Q(decided_on__isnull=False) & Q(decided_by__isnull=False) & ~Q(decision_reasons="")),
            ),
            models.CheckConstraint(
                name="revocation_published_only_when_revoked",
                condition=Q(published_on__isnull=True) | Q(status="revoked"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_ground_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATUSES


# --- 第十三条 voluntary exit --------------------------------------------------------------------------


class ExitStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已批准退出")
    REFUSED = "refused", _("不予批准")


class ExitApplication(BureauDecision):
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="exit_applications")
    reason = models.TextField(_("退出理由"))
    aftersales_arrangements = models.TextField(_("遗留问题处理和售后服务安排"))
    status = models.CharField(_("状态"), max_length=16, choices=ExitStatus.choices, default=ExitStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("申请日期"))

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("退出申请")
        verbose_name_plural = _("退出申请")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"], condition=Q(status="submitted"), name="one_pending_exit_per_enterprise"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.submitted_on}"


# 实施方案三(四) emergency response: its models live in their own module (compliance.incidents).
from .incidents.models import (  # noqa: E402,F401
    AffectedVehicle,
    Incident,
    IncidentEvidence,
    VehicleReport,
)

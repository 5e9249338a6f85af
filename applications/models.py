"""Pilot applications (办法第三、四条)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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

    # 第三条 hard criteria (facts declared by the applicant)
    company_name = models.CharField(_("企业名称"), max_length=200, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    registered_district = models.CharField(_("注册地行政区划代码"), max_length=6, blank=True)
    independent_legal_person = models.BooleanField(_("具有独立法人资格"), null=True)
    registered_capital = models.DecimalField(_("注册资本（元）"), max_digits=16, decimal_places=2, null=True, blank=True)
    paid_in_capital = models.DecimalField(_("实缴资本（元）"), max_digits=16, decimal_places=2, null=True, blank=True)
    net_assets = models.DecimalField(_("净资产（元）"), max_digits=16, decimal_places=2, null=True, blank=True)
    has_import_export_rights = models.BooleanField(_("具有进出口经营权"), null=True)
    violations_last_2_years = models.BooleanField(_("近两年有违法违规行为"), null=True)
    fiscal_arrears = models.BooleanField(_("拖欠财政资金"), null=True)
    credit_record_clean = models.BooleanField(_("无不良会计、税务、银行信用记录"), null=True)

    # 第三条 judgement criteria and 第四条 business plan (the applications issue extends these)
    foreign_trade_experience = models.TextField(_("外贸经验"), blank=True)
    overseas_outlets = models.JSONField(_("海外网点"), default=list, blank=True)
    export_targets = models.JSONField(_("出口目标（按年）"), default=list, blank=True)
    business_plan = models.TextField(_("经营计划"), blank=True)

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

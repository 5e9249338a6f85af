"""Complaints about exported vehicles and pilot enterprises (实施方案三(四))."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.uploads import StoredDocument


class ComplaintCategory(models.TextChoices):
    QUALITY = "quality", _("车辆质量")
    AFTERSALES = "aftersales", _("售后服务")
    DOCUMENTS = "documents", _("单证手续")
    FRAUD = "fraud", _("欺诈")
    OTHER = "other", _("其他")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("已收到")
    TRIAGED = "triaged", _("已分级")
    ASSIGNED = "assigned", _("已交企业办理")
    ESCALATED = "escalated", _("逾期已督办")
    ANSWERED = "answered", _("企业已答复")
    CLOSED = "closed", _("已办结")


class Severity(models.TextChoices):
    MINOR = "minor", _("一般")
    MAJOR = "major", _("较重")
    SERIOUS = "serious", _("重大")


class Complaint(models.Model):
    number = models.CharField(_("投诉编号"), max_length=20, unique=True)
    vehicle = models.ForeignKey(
        "traceability.Vehicle", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints",
        verbose_name=_("车辆"),
    )
    enterprise = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="complaints", verbose_name=_("被投诉企业")
    )
    category = models.CharField(_("投诉类别"), max_length=16, choices=ComplaintCategory.choices)
    description = models.TextField(_("投诉内容"))
    # Personal data: shown to the bureau only, masked in lists, never on public pages or in the file.
    contact_name = models.CharField(_("联系人姓名"), max_length=100)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)

    status = models.CharField(
        _("状态"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED, db_index=True
    )
    severity = models.CharField(_("严重程度"), max_length=16, choices=Severity.choices, blank=True)
    received_on = models.DateField(_("收到日期"), db_index=True)
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answer = models.TextField(_("企业答复"), blank=True)
    escalated_on = models.DateField(_("督办日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    outcome = models.TextField(_("办理结果"), blank=True)
    revocation_requested_on = models.DateField(_("提请撤销试点资格日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("投诉")
        verbose_name_plural = _("投诉")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["enterprise", "status"])]
        constraints = [
            models.CheckConstraint(
                name="complaint_has_contact", condition=~Q(contact_email="") | ~Q(contact_phone="")
            ),
            models.CheckConstraint(
                name="complaint_assigned_has_deadline",
                # A closed complaint may have been dismissed without ever going to the enterprise.
                condition=~Q(status__in=["assigned", "escalated", "answered"])
                | Q(due_on__isnull=False, assigned_on__isnull=False),
            ),
            models.CheckConstraint(
                name="complaint_answered_has_date",
                condition=~Q(status__in=["answered"]) | Q(answered_on__isnull=False),
            ),
            models.CheckConstraint(
                name="complaint_closed_has_date", condition=~Q(status="closed") | Q(closed_on__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ComplaintAttachment(StoredDocument):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    # The public lodges complaints without an account.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("投诉附件")
        verbose_name_plural = _("投诉附件")


# 双随机、一公开 and the 联席会议 keep their models beside their services (issue 23).
from .inspections.models import (  # noqa: E402,F401
    ExclusionReason,
    FollowUp,
    InspectionPlan,
    InspectionVisit,
    Inspector,
    InspectorConflict,
    PlanEnterprise,
    PlanExclusion,
    PlanInspector,
    PlanStatus,
    RiskRating,
    VisitType,
)
from .meetings.models import (  # noqa: E402,F401
    Agency,
    AgendaItem,
    JointMeeting,
    MeetingStatus,
    MeetingTask,
    TaskStatus,
)

# 好差评 (issue 23 point 4): its models live in their own module.
from .rating_models import FollowUpStatus, RatingFollowUp, ServiceKind, ServiceRating  # noqa: E402,F401

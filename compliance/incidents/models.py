"""Incidents (应急事件, 实施方案三(四)), the vehicles they touch and the enterprise's report per vehicle."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.uploads import StoredDocument


class IncidentCategory(models.TextChoices):
    SAFETY_DEFECT = "safety_defect", _("安全缺陷")
    FRAUD = "fraud", _("欺诈")
    MASS_AFTERSALES = "mass_aftersales", _("批量售后服务失效")
    DOCUMENTS = "documents", _("单证问题")


class IncidentSeverity(models.TextChoices):
    GENERAL = "general", _("一般")
    MAJOR = "major", _("较大")
    SERIOUS = "serious", _("重大")


class IncidentSource(models.TextChoices):
    COMPLAINT = "complaint", _("重大投诉")
    DISCREPANCY = "discrepancy", _("跨部门数据不一致")
    CUSTOMS = "customs", _("海关通报")
    DESTINATION = "destination", _("目的国通报")
    MANUAL = "manual", _("市商务局发现")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("已立案")
    ORDER_PREPARED = "order_prepared", _("处置通知待签发")
    ORDERED = "ordered", _("已责令企业处置")
    ESCALATED = "escalated", _("逾期未完成，已转入取消资格程序")
    CLOSED = "closed", _("已结案")


OPEN_INCIDENT_STATUSES = (IncidentStatus.OPEN, IncidentStatus.ORDER_PREPARED, IncidentStatus.ORDERED,
                          IncidentStatus.ESCALATED)


class OrderMeasure(models.TextChoices):
    REPAIR = "repair", _("维修")
    RECALL = "recall", _("召回")
    PART_REPLACEMENT = "part_replacement", _("更换零部件")
    BUYER_NOTICE = "buyer_notice", _("通知买方")
    REPORT = "report", _("书面报告")


class VehicleOutcome(models.TextChoices):
    PENDING = "pending", _("待处置")
    DONE = "done", _("已处置")
    UNREACHABLE = "unreachable", _("无法联系车主")
    REFUSED = "refused", _("车主拒绝")


class Incident(models.Model):
    number = models.CharField(_("事件编号"), max_length=20, unique=True)
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="incidents",
                                   verbose_name=_("涉事企业"))
    category = models.CharField(_("事件类别"), max_length=20, choices=IncidentCategory.choices)
    severity = models.CharField(_("严重程度"), max_length=16, choices=IncidentSeverity.choices)
    source = models.CharField(_("事件来源"), max_length=16, choices=IncidentSource.choices)
    source_reference = models.CharField(_("来源编号"), max_length=60, blank=True)
    title = models.CharField(_("事件名称"), max_length=120)
    description = models.TextField(_("事件描述"))
    status = models.CharField(_("状态"), max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.OPEN,
                              db_index=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField(_("立案日期"))
    # The queries that found the affected vehicles, as run (one entry per run, with its date and count).
    vehicle_queries = models.JSONField(default=list, blank=True)
    # The order to act (办法第十二条; prepared by an officer, authorised by the head through casework).
    measures = models.JSONField(_("处置措施"), default=list, blank=True)
    order_facts = models.TextField(_("事实与要求"), blank=True)
    order_working_days = models.PositiveSmallIntegerField(_("处置期限（工作日）"), null=True, blank=True)
    deadline = models.DateField(_("处置期限"), null=True, blank=True, db_index=True)
    order_prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    order_prepared_on = models.DateField(_("拟办日期"), null=True, blank=True)
    order_authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    ordered_on = models.DateField(_("下达日期"), null=True, blank=True)
    escalated_on = models.DateField(_("转入取消资格程序日期"), null=True, blank=True)
    escalation_case = models.ForeignKey("compliance.RevocationCase", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    closing_summary = models.TextField(_("结案意见"), blank=True)
    closing_report_number = models.CharField(_("结案报告文号"), max_length=40, blank=True)
    closing_report_pdf = models.BinaryField(default=bytes)  # issued once at closing, never re-rendered
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("应急事件")
        verbose_name_plural = _("应急事件")
        indexes = [models.Index(fields=["enterprise", "status"], name="incident_enterprise_status_idx"),
                   models.Index(fields=["status", "deadline"], name="incident_status_deadline_idx")]
        constraints = [
            models.CheckConstraint(name="incident_order_maker_is_not_checker",
                                   condition=Q(order_authorised_by__isnull=True)
                                   | ~Q(order_authorised_by=F("order_prepared_by"))),
            models.CheckConstraint(name="incident_ordered_has_deadline",
                                   condition=~Q(status__in=["ordered", "escalated"])
                                   | Q(deadline__isnull=False, ordered_on__isnull=False)),
            models.CheckConstraint(name="incident_closed_has_date",
                                   condition=~Q(status="closed") | Q(closed_on__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def measure_labels(self) -> list[str]:
        return [str(OrderMeasure(m).label) for m in self.measures if m in OrderMeasure.values]


class IncidentEvidence(StoredDocument):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="evidence")


class AffectedVehicle(models.Model):
    """One car the incident touches: found by a saved query, with an `incident` event in its file."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="affected")
    vehicle = models.ForeignKey("traceability.Vehicle", on_delete=models.PROTECT, related_name="incidents")
    added_on = models.DateField(_("纳入日期"))
    event_seq = models.PositiveIntegerField(_("档案记录序号"))
    outcome = models.CharField(_("处置情况"), max_length=16, choices=VehicleOutcome.choices,
                               default=VehicleOutcome.PENDING)
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)

    class Meta:
        ordering = ["vehicle__vin"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "vehicle"], name="one_affected_row_per_incident_vehicle"),
            models.CheckConstraint(name="affected_reported_has_date",
                                   condition=Q(outcome="pending") | Q(reported_on__isnull=False)),
        ]
        indexes = [models.Index(fields=["incident", "outcome"], name="affected_incident_outcome_idx")]


class VehicleReport(models.Model):
    """The enterprise's report on one car (append-only): what was done, with the file event it added."""

    affected = models.ForeignKey(AffectedVehicle, on_delete=models.PROTECT, related_name="reports")
    outcome = models.CharField(_("处置情况"), max_length=16, choices=VehicleOutcome.choices)
    description = models.TextField(_("处置说明"))
    event_type = models.CharField(max_length=24)
    event_seq = models.PositiveIntegerField(_("档案记录序号"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_on = models.DateField(_("报告日期"))

    class Meta:
        ordering = ["reported_on", "id"]
        constraints = [models.CheckConstraint(name="vehicle_report_not_pending", condition=~Q(outcome="pending"))]

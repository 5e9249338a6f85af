"""联席会议 (实施方案四(一)): the meeting, its agenda, its decisions (tasks owned by an agency) and the
signed minutes (纪要, GB/T 9704-2012)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.roles import OrganisationKind


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    HELD = "held", _("已召开，待签发纪要")
    SIGNED = "signed", _("纪要已签发")


class Agency(models.TextChoices):
    """The three members of the joint meeting (实施方案四(一)); the labels are the organisation kinds'."""

    COMMERCE_BUREAU = OrganisationKind.COMMERCE_BUREAU.value, OrganisationKind.COMMERCE_BUREAU.label
    POLICE = OrganisationKind.POLICE.value, OrganisationKind.POLICE.label
    CUSTOMS = OrganisationKind.CUSTOMS.value, OrganisationKind.CUSTOMS.label


class JointMeeting(models.Model):
    number = models.CharField(_("纪要编号"), max_length=40, unique=True)
    title = models.CharField(_("会议名称"), max_length=200)
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=200)
    attendees = models.TextField(_("出席人员"), blank=True)
    summary = models.TextField(_("会议议定事项概述"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED,
                              db_index=True)
    convened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    signed_on = models.DateField(_("签发日期"), null=True, blank=True)
    minutes_pdf = models.BinaryField(default=bytes)
    minutes_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("联席会议")
        verbose_name_plural = _("联席会议")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="meeting_signed_has_minutes",
                condition=~Q(status="signed") | (Q(signed_on__isnull=False) & Q(signed_by__isnull=False)
                                                 & ~Q(minutes_sha256="")),
            ),
        ]

    def __str__(self) -> str:
        return self.number


class AgendaItem(models.Model):
    """One matter put to the meeting, taken from an agenda source (supervision.meetings.agenda)."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="agenda")
    source = models.CharField(_("来源"), max_length=32)
    reference = models.CharField(_("编号"), max_length=60)
    title = models.CharField(_("议题"), max_length=300)
    link = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "source", "reference"], name="one_agenda_item_per_matter")]


class TaskStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    DONE = "done", _("已办结")


class MeetingTask(models.Model):
    """A decision of the meeting: owned by one agency, with a due date counted in working days."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.PROTECT, related_name="tasks")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks",
                                    verbose_name=_("议题"))
    decision = models.TextField(_("议定事项"))
    agency = models.CharField(_("牵头部门"), max_length=32, choices=Agency.choices)
    working_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"))
    due_on = models.DateField(_("办理期限"), db_index=True)
    status = models.CharField(_("状态"), max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN,
                              db_index=True)
    outcome = models.TextField(_("办理结果"), blank=True)
    done_on = models.DateField(_("办结日期"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")

    class Meta:
        verbose_name = _("联席会议交办事项")
        verbose_name_plural = _("联席会议交办事项")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(name="task_working_days_positive", condition=Q(working_days__gte=1)),
            models.CheckConstraint(name="task_done_complete",
                                   condition=~Q(status="done") | (Q(done_on__isnull=False) & ~Q(outcome=""))),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.number} · {self.decision[:30]}"

"""The panel day (答辩会, 办法第五条 审核答辩): the agenda, attendance, each sheet's timing and justification, and
the signed minutes. Once the minutes are signed nothing of the day changes (database triggers, 0006_panel_day)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PanelDayStatus(models.TextChoices):
    PLANNED = "planned", _("议程编排中")
    IN_SESSION = "in_session", _("答辩进行中")
    CLOSED = "closed", _("会议结束，纪要待签署")
    SIGNED = "signed", _("纪要已签署")


class PanelDay(models.Model):
    round = models.ForeignKey("review.ReviewRound", on_delete=models.PROTECT, related_name="panel_days")
    title = models.CharField(_("会议名称"), max_length=200)
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=200)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("评审组组长"))
    status = models.CharField(_("状态"), max_length=16, choices=PanelDayStatus.choices,
                              default=PanelDayStatus.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    minutes_pdf = models.BinaryField(_("会议纪要"), null=True, blank=True, editable=False)
    minutes_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("签署人"))
    signed_on = models.DateField(_("签署日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("答辩会")
        verbose_name_plural = _("答辩会")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="review_panelday_signed_has_minutes",
                condition=~Q(status="signed") | Q(minutes_pdf__isnull=False, signed_by__isnull=False,
                                                   signed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItemStatus(models.TextChoices):
    WAITING = "waiting", _("待答辩")
    OPEN = "open", _("答辩评分中")
    CLOSED = "closed", _("本项已结束")


class AgendaItem(models.Model):
    """One application on the day's agenda: its order, start time and room or video link."""

    day = models.ForeignKey(PanelDay, on_delete=models.PROTECT, related_name="items")
    entry = models.ForeignKey("review.Entry", on_delete=models.PROTECT, related_name="agenda_items",
                              verbose_name=_("申请企业"))
    position = models.PositiveSmallIntegerField(_("顺序"))
    starts_at = models.TimeField(_("开始时间"))
    room = models.CharField(_("会议室"), max_length=200, blank=True)
    video_link = models.URLField(_("视频会议链接"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=AgendaItemStatus.choices,
                              default=AgendaItemStatus.WAITING)
    opened_at = models.DateTimeField(_("开始答辩时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("答辩议程")
        verbose_name_plural = _("答辩议程")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["day", "position"], name="review_agenda_position_once"),
            models.UniqueConstraint(fields=["day", "entry"], name="review_agenda_entry_once"),
            models.CheckConstraint(name="review_agenda_room_or_link", condition=~Q(room="") | ~Q(video_link="")),
            models.CheckConstraint(name="review_agenda_open_has_time",
                                   condition=Q(status="waiting") | Q(opened_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.entry}"


class Attendance(models.Model):
    """Whether a member of the round's panel attended the day (recorded when the session starts)."""

    day = models.ForeignKey(PanelDay, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("出席"))

    class Meta:
        verbose_name = _("出席情况")
        verbose_name_plural = _("出席情况")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["day", "member"], name="review_attendance_once")]


class SheetNote(models.Model):
    """What the panel day adds to a submitted sheet: the reading time since the item opened (flagged to the
    chair when shorter than the minimum) and the justification of a total far from the others' median."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="notes")
    sheet = models.OneToOneField("review.ScoreSheet", on_delete=models.PROTECT, related_name="panel_note")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reading_seconds = models.PositiveIntegerField(_("阅卷用时（秒）"))
    too_fast = models.BooleanField(_("用时过短"))
    median_of_others = models.DecimalField(_("其他专家总分中位数"), max_digits=5, decimal_places=2, null=True,
                                           blank=True)
    justification = models.TextField(_("偏离说明"), blank=True)

    class Meta:
        verbose_name = _("答辩评分记录")
        verbose_name_plural = _("答辩评分记录")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="review_sheetnote_once")]

"""通知公告 (issue 23 point 3): the bureau's announcements to pilot enterprises, applicants or the
public, and who of the enterprises read them. The service is portal/announcements.py, the workflow
portal/announcements_workflow.py. Imported by portal/models.py so Django finds the models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PILOTS = "pilots", _("全体试点企业")
    APPLICANTS = "applicants", _("申请企业")
    PUBLIC = "public", _("社会公众")


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    RETRACTED = "retracted", _("已撤回")


class Announcement(models.Model):
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    audience = models.CharField(_("发布范围"), max_length=16, choices=Audience.choices)
    status = models.CharField(_("状态"), max_length=16, choices=AnnouncementStatus.choices,
                              default=AnnouncementStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    retracted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    retracted_on = models.DateField(_("撤回日期"), null=True, blank=True)
    retraction_reason = models.TextField(_("撤回理由"), blank=True)

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["status", "audience", "-published_on"], name="announcement_list_idx")]
        constraints = [
            models.CheckConstraint(
                name="announcement_published_has_date",
                condition=Q(status="draft") | Q(published_on__isnull=False, published_by__isnull=False),
            ),
            # A retraction leaves a public notice with its reason in place of the text.
            models.CheckConstraint(
                name="announcement_retracted_has_reason",
                condition=~Q(status="retracted") | (Q(retracted_on__isnull=False) & ~Q(retraction_reason="")),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AnnouncementRead(models.Model):
    """A read receipt: the first time an enterprise user opened a published announcement."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("阅读回执")
        verbose_name_plural = _("阅读回执")
        ordering = ["read_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "user"], name="announcement_read_once_per_user"),
        ]

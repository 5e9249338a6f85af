"""好差评 (issue 23 point 4; 国办发〔2019〕51号): a rating of a completed service, once per service, and
the follow-up case (整改回访) a 差评 opens. Imported by supervision/models.py so Django finds them; the
rules are in rating_rules.py, the services in ratings.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    """The completed services that may be rated."""

    APPLICATION = "application", _("试点申请决定")
    LICENCE = "licence", _("出口许可证签发")
    COMPLAINT = "complaint", _("投诉办结")
    EXIT = "exit", _("退出试点决定")


class ServiceRating(models.Model):
    service_kind = models.CharField(_("服务事项"), max_length=16, choices=ServiceKind.choices)
    object_id = models.PositiveBigIntegerField()
    reference = models.CharField(_("办件编号"), max_length=64)
    # The enterprise whose service it was (for complaints: the enterprise complained about).
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="service_ratings",
                                   verbose_name=_("企业"))
    completed_on = models.DateField(_("办结日期"))
    score = models.PositiveSmallIntegerField(_("评价"))
    comment = models.TextField(_("评价意见"), blank=True)
    # None: a public complainant who rated through the link given on closing.
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    rated_on = models.DateField(_("评价日期"), db_index=True)
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("服务评价")
        verbose_name_plural = _("服务评价")
        ordering = ["-rated_on", "-id"]
        constraints = [
            # 国办发〔2019〕51号: one rating per service (一事一评).
            models.UniqueConstraint(fields=["service_kind", "object_id"], name="rating_once_per_service"),
            models.CheckConstraint(name="rating_score_1_to_5", condition=Q(score__gte=1, score__lte=5)),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_kind_display()} {self.reference}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("待整改回访")
    RESOLVED = "resolved", _("已反馈评价人")


class RatingFollowUp(models.Model):
    """The bureau's follow-up of a 差评 (整改、回访): exactly one per rating (the one-to-one key)."""

    rating = models.OneToOneField(ServiceRating, on_delete=models.PROTECT, related_name="follow_up",
                                  verbose_name=_("服务评价"))
    status = models.CharField(_("状态"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN,
                              db_index=True)
    opened_on = models.DateField(_("立案日期"))
    due_on = models.DateField(_("反馈期限"), db_index=True)
    resolved_on = models.DateField(_("反馈日期"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reply = models.TextField(_("整改情况及答复"), blank=True)

    class Meta:
        verbose_name = _("差评整改回访")
        verbose_name_plural = _("差评整改回访")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="follow_up_resolved_has_reply",
                condition=~Q(status="resolved") | (Q(resolved_on__isnull=False) & ~Q(reply="")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.rating)

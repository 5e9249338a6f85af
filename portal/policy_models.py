"""Policy versions (issue 24 point 2): the values of portal.policy's parameters, from an effective date."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PolicyVersionStatus(models.TextChoices):
    PREPARED = "prepared", _("已拟定，待负责人签发")
    RETURNED = "returned", _("负责人退回")
    PUBLISHED = "published", _("已发布")


class PolicyVersion(models.Model):
    """One version of every threshold and period. Prepared by an officer, authorised by the head (never the
    same official: a CHECK), then published and never changed again (a trigger refuses UPDATE and DELETE).

    `number` is given at publication (version 1: the 办法 as it took effect); what was decided records it."""

    number = models.PositiveIntegerField(_("版本号"), unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=16, choices=PolicyVersionStatus.choices,
                              default=PolicyVersionStatus.PREPARED)
    values = models.JSONField(_("参数取值"))
    basis = models.CharField(_("依据（文号）"), max_length=200)
    summary = models.TextField(_("调整说明"), blank=True)
    effective_from = models.DateField(_("施行日期"))
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("拟定人"))
    prepared_at = models.DateTimeField(_("拟定时间"), null=True, blank=True)
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("签发人"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        ordering = ["-effective_from", "-number", "-id"]
        verbose_name = _("政策参数版本")
        verbose_name_plural = _("政策参数版本")
        indexes = [models.Index(fields=["effective_from"], name="policy_in_force_idx",
                                condition=Q(status="published"))]
        constraints = [
            # domain-rules v1.1: the maker is never the checker.
            models.CheckConstraint(name="policy_version_two_officials",
                                   condition=Q(authorised_by__isnull=True) | ~Q(authorised_by=F("prepared_by"))),
            models.CheckConstraint(name="policy_version_number_positive", condition=Q(number__gte=1)),
            # Published ⇔ numbered and dated; every version after the first is authorised by the head.
            models.CheckConstraint(
                name="policy_version_published_complete",
                condition=(Q(status="published", number__isnull=False, published_at__isnull=False)
                           & (Q(number=1) | Q(authorised_by__isnull=False, prepared_by__isnull=False)))
                | (~Q(status="published") & Q(number__isnull=True, published_at__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('第%(n)s版') % {'n': self.number}}" if self.number else str(_("待发布版本"))

    @classmethod
    def in_force(cls, on: date) -> "PolicyVersion | None":
        """The published version in force on `on` (one indexed query); before the first: the first."""
        published = cls.objects.filter(status=PolicyVersionStatus.PUBLISHED)
        return (published.filter(effective_from__lte=on).order_by("-effective_from", "-number").first()
                or published.order_by("effective_from", "number").first())

    @property
    def policy(self):
        from .policy import PolicyValues

        return PolicyValues(self.number, self.values, self.effective_from)

"""双随机、一公开 (国办发〔2015〕58号): inspectors, their declared conflicts, plans, the lists frozen when a
plan's seed is published, the draw's result and the visits."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Inspector(models.Model):
    """执法检查人员名录: a law-enforcement official of commerce, police or customs."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspector_record",
                                verbose_name=_("人员"))
    badge_number = models.CharField(_("执法证号"), max_length=40, unique=True)
    active = models.BooleanField(_("在册"), default=True)
    added_on = models.DateField(_("入册日期"))

    class Meta:
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员")
        ordering = ["badge_number"]

    def __str__(self) -> str:
        return f"{self.user.display_name}（{self.badge_number}）"


class InspectorConflict(models.Model):
    """A declared conflict of interest (回避): the inspector is never drawn for this enterprise."""

    inspector = models.ForeignKey(Inspector, on_delete=models.PROTECT, related_name="conflicts")
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("企业"))
    reason = models.CharField(_("回避事由"), max_length=200)
    declared_on = models.DateField(_("申报日期"))

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        constraints = [models.UniqueConstraint(fields=["inspector", "enterprise"], name="one_conflict_per_pair")]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草拟中")
    SEED_PUBLISHED = "seed_published", _("随机种子已公布")
    DRAWN = "drawn", _("已抽取")
    VISITING = "visiting", _("检查中")
    PUBLISHED = "published", _("结果已公开")


class InspectionPlan(models.Model):
    number = models.CharField(_("计划编号"), max_length=40, unique=True)
    title = models.CharField(_("计划名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    sample_size = models.PositiveSmallIntegerField(_("抽取企业数"))
    inspectors_per_visit = models.PositiveSmallIntegerField(_("每户检查人员数"), default=2)
    status = models.CharField(_("状态"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              db_index=True)
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    seed_published_on = models.DateField(_("种子公布日期"), null=True, blank=True)
    drawn_on = models.DateField(_("抽取日期"), null=True, blank=True)
    results_published_on = models.DateField(_("结果公开日期"), null=True, blank=True)
    created_on = models.DateField(_("制定日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = _("随机抽查计划")
        verbose_name_plural = _("随机抽查计划")
        ordering = ["-year", "-quarter", "-id"]
        constraints = [
            models.CheckConstraint(name="plan_quarter_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)),
            models.CheckConstraint(name="plan_sample_at_least_one", condition=Q(sample_size__gte=1)),
            # 国办发〔2015〕58号: checks are made by at least two law-enforcement officials.
            models.CheckConstraint(name="plan_two_inspectors_per_visit", condition=Q(inspectors_per_visit__gte=2)),
            models.CheckConstraint(name="plan_seed_before_draw",
                                   condition=Q(status="draft") | (~Q(seed="") & Q(seed_published_on__isnull=False))),
            models.CheckConstraint(name="plan_drawn_has_date",
                                   condition=Q(status__in=["draft", "seed_published"]) | Q(drawn_on__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.number


class PlanEnterprise(models.Model):
    """检查对象名录 as frozen when the seed was published: each enterprise with its risk inputs and weight."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="entries")
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="+")
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    name = models.CharField(_("企业名称"), max_length=200)
    inputs = models.JSONField(_("风险因素"), default=dict)
    weight = models.PositiveIntegerField(_("抽取权重"))
    draw_rank = models.PositiveSmallIntegerField(_("抽中顺序"), null=True, blank=True)

    class Meta:
        ordering = ["uscc"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "enterprise"], name="one_entry_per_plan_enterprise"),
            models.UniqueConstraint(fields=["plan", "draw_rank"], name="one_rank_per_plan"),
            models.CheckConstraint(name="entry_weight_positive", condition=Q(weight__gte=1)),
        ]


class PlanInspector(models.Model):
    """执法检查人员名录 as frozen when the seed was published."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="inspectors")
    inspector = models.ForeignKey(Inspector, on_delete=models.PROTECT, related_name="+")
    badge_number = models.CharField(_("执法证号"), max_length=40)
    name = models.CharField(_("姓名"), max_length=100)
    agency = models.CharField(_("所属部门"), max_length=32)  # portal.roles.OrganisationKind

    class Meta:
        ordering = ["badge_number"]
        constraints = [models.UniqueConstraint(fields=["plan", "inspector"], name="one_plan_inspector")]

    @property
    def agency_label(self) -> str:
        from portal.roles import OrganisationKind

        return str(OrganisationKind(self.agency).label)


class ExclusionReason(models.TextChoices):
    CONFLICT = "conflict", _("申报回避")
    PREVIOUS = "previous", _("上次检查过该企业")


class PlanExclusion(models.Model):
    """An (enterprise, inspector) pair the draw never makes, published with the lists."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="exclusions")
    entry = models.ForeignKey(PlanEnterprise, on_delete=models.CASCADE, related_name="exclusions")
    inspector = models.ForeignKey(PlanInspector, on_delete=models.CASCADE, related_name="exclusions")
    reason = models.CharField(_("排除原因"), max_length=16, choices=ExclusionReason.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "inspector", "reason"], name="one_exclusion_per_reason")]


class VisitType(models.TextChoices):
    ONSITE = "onsite", _("现场检查")
    DOCUMENTS = "documents", _("书面检查")
    ONLINE = "online", _("网络监测")


class RiskRating(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


class FollowUp(models.TextChoices):
    NONE = "none", _("未发现问题，无需后续处理")
    RECTIFICATION = "rectification", _("责令限期整改")
    REFERRAL = "referral", _("移送有关部门处理")
    RECHECK = "recheck", _("列入下次重点检查")


class InspectionVisit(models.Model):
    """One drawn enterprise: its drawn inspectors, then the visit's record and its publication."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="visits")
    entry = models.OneToOneField(PlanEnterprise, on_delete=models.PROTECT, related_name="visit")
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="inspection_visits")
    inspectors = models.ManyToManyField(Inspector, related_name="visits", verbose_name=_("检查人员"))
    visit_type = models.CharField(_("检查方式"), max_length=16, choices=VisitType.choices, blank=True)
    visited_on = models.DateField(_("检查日期"), null=True, blank=True, db_index=True)
    people_present = models.TextField(_("在场人员"), blank=True)
    findings = models.TextField(_("检查情况"), blank=True)
    risk_rating = models.CharField(_("风险评级"), max_length=8, choices=RiskRating.choices, blank=True)
    follow_up = models.CharField(_("后续处理"), max_length=16, choices=FollowUp.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    result_due_on = models.DateField(_("结果公开期限"), null=True, blank=True, db_index=True)
    published_on = models.DateField(_("结果公开日期"), null=True, blank=True)
    overdue_flagged_on = models.DateField(_("逾期提醒日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["entry__draw_rank"]
        constraints = [
            models.CheckConstraint(
                name="visit_recorded_complete",
                condition=Q(visited_on__isnull=True) | (~Q(visit_type="") & ~Q(findings="") & ~Q(risk_rating="")
                                                        & ~Q(follow_up="") & Q(result_due_on__isnull=False)),
            ),
            models.CheckConstraint(name="visit_published_after_record",
                                   condition=Q(published_on__isnull=True) | Q(visited_on__isnull=False)),
        ]

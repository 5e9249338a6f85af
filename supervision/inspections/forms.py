from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation, User
from portal.roles import OrganisationKind

from ..workflow import INSPECTING_ROLES
from .models import FollowUp, Inspector, RiskRating, VisitType


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=lambda: date.today().year)
    quarter = forms.TypedChoiceField(label=_("季度"), coerce=int,
                                     choices=[(1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))])
    sample_size = forms.IntegerField(label=_("抽取企业数"), min_value=1, max_value=500, initial=2)
    inspectors_per_visit = forms.IntegerField(label=_("每户检查人员数"), min_value=2, max_value=10, initial=2,
                                              help_text=_("每户至少选派2名执法检查人员。"))


class InspectorForm(forms.Form):
    user = forms.ModelChoiceField(label=_("执法人员"), queryset=User.objects.none())
    badge_number = forms.CharField(label=_("执法证号"), max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (User.objects.filter(is_active=True, groups__name__in=[str(r) for r in INSPECTING_ROLES])
                                        .select_related("organisation").distinct().order_by("username"))
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.organisation or ''}）"


class ConflictForm(forms.Form):
    inspector = forms.ModelChoiceField(label=_("执法检查人员"), queryset=Inspector.objects.none())
    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Organisation.objects.none())
    reason = forms.CharField(label=_("回避事由"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = Inspector.objects.select_related("user").filter(active=True)
        self.fields["enterprise"].queryset = Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE)


class VisitForm(forms.Form):
    visit_type = forms.ChoiceField(label=_("检查方式"), choices=VisitType.choices)
    visited_on = forms.DateField(label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"}))
    people_present = forms.CharField(label=_("在场人员"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text=_("执法检查人员和企业在场人员的姓名、职务"))
    findings = forms.CharField(label=_("检查情况"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    risk_rating = forms.ChoiceField(label=_("风险评级"), choices=RiskRating.choices)
    follow_up = forms.ChoiceField(label=_("后续处理"), choices=FollowUp.choices)

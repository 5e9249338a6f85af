"""Page forms of the review; the services hold the rules, these only parse what was typed."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationStatus
from portal.models import User
from portal.policy import policy_in_force
from portal.roles import Role

from . import rules
from .models import Stage
from .rules import Criterion


class RoundForm(forms.Form):
    name = forms.CharField(label=_("批次名称"), max_length=200)
    quorum = forms.IntegerField(label=_("最少有效评分表数"), min_value=1, max_value=50)
    comment_share = forms.DecimalField(label=_("须填写评语的得分比例"), min_value=0, max_value=1, decimal_places=2,
                                       help_text=_("某项得分低于该项满分的此比例时，须填写评语。"))
    outlier_margin = forms.DecimalField(label=_("偏离提示分差"), min_value=0, max_value=100, decimal_places=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        policy = policy_in_force(timezone.localdate())  # the defaults of the version in force (issue 24)
        self.initial.setdefault("quorum", policy["review_quorum"])
        self.initial.setdefault("comment_share", policy["review_comment_share"])
        self.initial.setdefault("outlier_margin", policy["review_outlier_margin"])
        for code, label in Criterion.choices:
            self.fields[f"max_{code}"] = forms.IntegerField(
                label=_("%(label)s 满分") % {"label": label}, min_value=1, max_value=100,
                initial=policy["review_criteria"][code])

    def criteria(self) -> dict:
        return {code: self.cleaned_data[f"max_{code}"] for code in Criterion.values}


class AddApplicationForm(forms.Form):
    application = forms.ModelChoiceField(
        label=_("已受理的申请"), queryset=Application.objects.filter(status=ApplicationStatus.ACCEPTED)
        .select_related("organisation").order_by("reference_number"))


class AddMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("评审专家"), queryset=User.objects.filter(groups__name=Role.EXPERT.value, is_active=True)
        .select_related("organisation").order_by("username"))


class StageForm(forms.ModelForm):
    STAGE_CODES = frozenset(rules.StageKind.values)

    def __init__(self, *args, offered=None, **kwargs):
        """`offered`: the stages the page offers now (the declaration's allowed stage actions, in order)."""
        super().__init__(*args, **kwargs)
        if offered is not None:
            labels = dict(rules.StageKind.choices)
            self.fields["stage"].choices = [(code, labels[code]) for code in offered]

    class Meta:
        model = Stage
        fields = ["stage", "held_on", "place", "attendees", "outcome"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "attendees": forms.Textarea(attrs={"rows": 2}),
                   "outcome": forms.Textarea(attrs={"rows": 3})}


class SiteVisitForm(forms.Form):
    required = forms.TypedChoiceField(label=_("评审小组决定"), coerce=lambda v: v == "yes",
                                      choices=[("yes", _("进行实地考察")), ("no", _("不进行实地考察"))])


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("利益冲突"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("no", _("本人与该申请企业不存在利益冲突")), ("yes", _("本人与该申请企业存在利益冲突，申请回避"))])
    statement = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SheetForm(forms.Form):
    comment = forms.CharField(label=_("评语"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, criteria: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for code, maximum in criteria.items():
            fields[code] = forms.DecimalField(
                label=_("%(label)s（0–%(max)s 分）") % {"label": Criterion(code).label, "max": maximum},
                required=False, min_value=Decimal(0), max_value=Decimal(maximum), decimal_places=1,
                widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": str(maximum)}))
        fields["comment"] = self.fields.pop("comment")
        self.fields.update(fields)
        self.criteria_codes = list(criteria)

    def points(self) -> dict:
        return {c: self.cleaned_data[c] for c in self.criteria_codes if self.cleaned_data.get(c) is not None}


class PublicityForm(forms.Form):
    title = forms.CharField(label=_("公示标题"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("公示开始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    working_days = forms.IntegerField(label=_("公示期（工作日）"), min_value=1, max_value=60)
    entries = forms.MultipleChoiceField(label=_("拟公示的企业"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, entries, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("working_days", policy_in_force(timezone.localdate())["publicity_working_days"])
        self.fields["entries"].choices = [
            (str(e.pk), f"{e.rank or '—'}. {e.application.organisation.name}（{e.final_score}）") for e in entries]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionForm(forms.Form):
    entry = forms.ChoiceField(label=_("针对的企业"), required=False)
    content = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("写明针对的准入条件或评审环节、事实和理由，并列明所附证据材料。"))
    contact_name = forms.CharField(label=_("真实姓名（或单位名称）"), max_length=100)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("电子邮箱"), required=False,
                                     help_text=_("联系电话和电子邮箱至少填写一项，仅用于答复，不会公开。"))

    def __init__(self, entries, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", _("（整体）"))] + [
            (str(e.pk), e.application.organisation.name) for e in entries]

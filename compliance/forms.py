from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation
from portal.roles import OrganisationKind

from .models import NetworkKind, ObligationStatus, RevocationGround, RuleCode


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(EvidenceField, self).clean(f, initial) for f in files]


def pilot_enterprises():
    return Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, designated_on__isnull=False)


class ObligationFilterForm(forms.Form):
    q = forms.CharField(label=_("企业或VIN"), required=False)
    rule = forms.ChoiceField(label=_("规则"), choices=[("", _("全部"))] + RuleCode.choices, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + ObligationStatus.choices, required=False)


class NetworkReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=NetworkKind.choices)
    countries = forms.RegexField(
        label=_("国家（ISO 3166 两位代码，逗号分隔）"), regex=r"^\s*[A-Za-z]{2}(\s*,\s*[A-Za-z]{2})*\s*$", max_length=200,
        error_messages={"invalid": _("请填写两位国家代码，如 KZ, RU。")},
    )
    partners = forms.CharField(label=_("合作方"), widget=forms.Textarea(attrs={"rows": 3}))
    addresses = forms.CharField(label=_("地址"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = EvidenceField(label=_("证明材料（PDF、JPEG 或 PNG）"), required=True)


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RectificationForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Organisation.objects.none())
    reasons = forms.CharField(label=_("整改事由"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label=_("整改期限"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = pilot_enterprises()


class RectificationAnswerForm(forms.Form):
    answer = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = EvidenceField(label=_("证明材料（PDF、JPEG 或 PNG）"), required=False)


class CaseForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Organisation.objects.none())
    ground = forms.ChoiceField(label=_("取消事由（第十二条）"), choices=RevocationGround.choices)
    reason = forms.CharField(label=_("事实与理由"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = pilot_enterprises()


class CaseAnswerForm(forms.Form):
    answer = forms.CharField(label=_("陈述申辩意见"), widget=forms.Textarea(attrs={"rows": 4}))


class ExitForm(forms.Form):
    reason = forms.CharField(label=_("退出理由"), widget=forms.Textarea(attrs={"rows": 3}))
    aftersales_arrangements = forms.CharField(label=_("遗留问题处理和售后服务安排"), widget=forms.Textarea(attrs={"rows": 3}))

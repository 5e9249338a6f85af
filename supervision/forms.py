from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.policy import policy_in_force

from .models import ComplaintCategory, Severity


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ComplaintForm(forms.Form):
    vin = forms.CharField(label=_("车辆识别代号（VIN）"), max_length=17, required=False,
                          help_text=_("投诉某辆出口车辆时填写；也可只填写被投诉企业。"))
    enterprise = forms.CharField(label=_("被投诉企业"), max_length=200, required=False,
                                 help_text=_("企业全称或统一社会信用代码"))
    category = forms.ChoiceField(label=_("投诉类别"), choices=ComplaintCategory.choices)
    description = forms.CharField(label=_("投诉内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    contact_name = forms.CharField(label=_("联系人姓名"), max_length=100)
    contact_email = forms.EmailField(label=_("电子邮箱"), required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False,
                                    help_text=_("电子邮箱和联系电话至少填写一项，仅供市商务局联系您，不会公开。"))
    attachments = MultipleFileField(label=_("附件"), required=False,
                                    help_text=_("PDF、JPEG 或 PNG，最多 5 个，每个不超过 10 MB。"))


class TriageForm(forms.Form):
    severity = forms.ChoiceField(label=_("严重程度"), choices=Severity.choices)
    note = forms.CharField(label=_("分级意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    working_days = forms.IntegerField(label=_("答复期限（工作日）"), min_value=1, max_value=60)
    note = forms.CharField(label=_("交办意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The default of the policy version in force today (portal.policy, issue 24).
        self.fields["working_days"].initial = policy_in_force(timezone.localdate())["complaint_working_days"]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


class CloseForm(forms.Form):
    outcome = forms.CharField(label=_("办理结果"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


def revocation_grounds():
    """办法第十二条 grounds, from the compliance app that decides the case."""
    from compliance.models import RevocationGround

    return RevocationGround.choices


class RevocationForm(forms.Form):
    ground = forms.ChoiceField(label=_("撤销事由"), choices=revocation_grounds)
    reason = forms.CharField(label=_("理由"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class PeriodForm(forms.Form):
    quarter = forms.RegexField(label=_("季度"), regex=r"^\d{4}-?[Qq][1-4]$", required=False,
                               help_text=_("例如 2026-Q3；填写后忽略起止日期"))
    start = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        return data

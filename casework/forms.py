from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CaseKind


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部"))] + CaseKind.choices)
    assigned = forms.ChoiceField(label=_("指派"), required=False, choices=[
        ("", _("全部")), ("me", _("指派给我")), ("unassigned", _("未指派"))])
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    overdue = forms.BooleanField(label=_("仅逾期"), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class NoteForm(forms.Form):
    text = forms.CharField(label=_("备注"), widget=forms.Textarea(attrs={"rows": 3}))
    internal = forms.BooleanField(label=_("仅内部可见（企业看不到）"), required=False, initial=True)
    files = forms.FileField(label=_("附件"), required=False, widget=MultipleFileInput())


class InformationForm(forms.Form):
    items = forms.CharField(label=_("补正事项"), widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("补正期限"), widget=forms.DateInput(attrs={"type": "date"}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("补正说明"), widget=forms.Textarea(attrs={"rows": 3}))


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("保存为"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

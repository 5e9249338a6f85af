"""Page forms of the panel day; the services hold the rules, these only parse what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import SheetForm


class DayForm(forms.Form):
    title = forms.CharField(label=_("会议名称"), max_length=200)
    held_on = forms.DateField(label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    place = forms.CharField(label=_("会议地点"), max_length=200)
    chair = forms.ChoiceField(label=_("评审组组长"), required=False)

    def __init__(self, members, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.user_id): m.user for m in members}
        self.fields["chair"].choices = [("", _("（未指定）"))] + [(k, u.display_name) for k, u in self.members.items()]

    def chair_user(self):
        return self.members.get(self.cleaned_data.get("chair") or "")


class AgendaItemForm(forms.Form):
    entry = forms.ChoiceField(label=_("申请企业"))
    position = forms.IntegerField(label=_("顺序"), min_value=1, max_value=200)
    starts_at = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    room = forms.CharField(label=_("会议室"), max_length=200, required=False)
    video_link = forms.URLField(label=_("视频会议链接"), required=False, assume_scheme="https")

    def __init__(self, entries, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {str(e.pk): e for e in entries}
        self.fields["entry"].choices = [(k, f"{e.application.reference_number} {e.application.company_name}")
                                        for k, e in self.entries.items()]

    def chosen_entry(self):
        return self.entries[self.cleaned_data["entry"]]


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("出席的评审专家"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, members, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.user_id): m.user for m in members}
        self.fields["present"].choices = [(k, u.display_name) for k, u in self.members.items()]
        self.initial.setdefault("present", list(self.members))

    def present_users(self):
        return [self.members[k] for k in self.cleaned_data["present"]]


class PanelSheetForm(SheetForm):
    """The sheet of the panel day: the criteria and comment, and the justification a far total needs."""

    def __init__(self, criteria: dict, *args, **kwargs):
        super().__init__(criteria, *args, **kwargs)
        self.fields["justification"] = forms.CharField(
            label=_("偏离说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("总分与其他专家已提交总分的中位数相差较大时须填写。"))

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agency, AgendaItem
from .services import MAX_TASK_WORKING_DAYS


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("会议地点"), max_length=200)
    title = forms.CharField(label=_("会议名称"), max_length=200, required=False)


class HoldForm(forms.Form):
    attendees = forms.CharField(label=_("出席人员"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label=_("会议议定事项概述"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("议题"), queryset=AgendaItem.objects.none(), required=False)
    decision = forms.CharField(label=_("议定事项"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    agency = forms.ChoiceField(label=_("牵头部门"), choices=Agency.choices)
    working_days = forms.IntegerField(label=_("办理时限（工作日）"), min_value=1, max_value=MAX_TASK_WORKING_DAYS,
                                      initial=10)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["agenda_item"].queryset = meeting.agenda.all()
            self.fields["agenda_item"].label_from_instance = lambda item: item.title[:60]


class TaskDoneForm(forms.Form):
    outcome = forms.CharField(label=_("办理结果"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

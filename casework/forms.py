from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CaseKind, DecisionStatus, LetterKind


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
    deadline = forms.DateField(label=_("补正期限"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("补正说明"), widget=forms.Textarea(attrs={"rows": 3}))


class ResolveDiscrepancyForm(forms.Form):
    resolution = forms.CharField(label=_("核查处理情况"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("保存为"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


class DecisionForm(forms.Form):
    """The maker's decision on a case; the kinds offered depend on the case (rules.LETTER_RULES)."""

    kind = forms.ChoiceField(label=_("决定类别"), choices=LetterKind.choices)
    facts = forms.CharField(label=_("事实与理由"), widget=forms.Textarea(attrs={"rows": 4}))
    article = forms.CharField(label=_("依据条款"), required=False, max_length=80,
                              help_text=_("留空时使用该类决定的默认条款"))
    item = forms.CharField(label=_("具体项"), required=False, max_length=200)
    revoke = forms.TypedChoiceField(label=_("决定内容（取消试点资格案件）"), required=False, empty_value=None,
                                    coerce=lambda v: v == "yes",
                                    choices=[("", "—"), ("yes", _("取消试点资格")), ("no", _("不予取消"))])
    statement_reply = forms.CharField(label=_("对陈述申辩的复核意见（取消试点资格案件）"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("整改期限（整改通知）"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k, LetterKind(k).label) for k in kinds]


class ReturnDecisionForm(forms.Form):
    note = forms.CharField(label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 3}))


class LicenceChangeForm(forms.Form):
    """A direct change of an issued licence (reinstate, surrender): the choices are the declared changes the
    user's role takes. Suspending and revoking are decisions prepared above and authorised by the head."""

    change = forms.ChoiceField(label=_("变更"), choices=[("reinstated", _("恢复")), ("surrendered", _("企业交回"))])
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, changes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if changes is not None:
            labels = dict(self.fields["change"].choices)
            self.fields["change"].choices = [(c, labels[c]) for c in changes if c in labels]


class DecisionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部"))] + DecisionStatus.choices)
    kind = forms.ChoiceField(label=_("决定类别"), required=False, choices=[("", _("全部"))] + LetterKind.choices)
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)

"""The audit log's filters and export (issue 20 point 7): by person (name or username), object type,
action, date range and the object's name; the same filtered entries are shown a page at a time or
downloaded whole (XLSX or CSV) through portal.exports."""

from datetime import datetime, time

from auditlog.models import LogEntry
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import logdisplay

EXPORT_LIMIT = 20_000  # rows in one download; narrow the filters for more


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("操作人"), required=False, max_length=100,
                             help_text=_("姓名或用户名的一部分"))
    object_type = forms.ModelChoiceField(label=_("对象类型"), required=False, queryset=ContentType.objects.none(),
                                         empty_label=_("全部"))
    action = forms.TypedChoiceField(label=_("操作"), required=False, coerce=int, empty_value=None,
                                    choices=[("", _("全部")), *logdisplay.AUDIT_ACTIONS.items()])
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label=_("对象名称"), required=False, max_length=100)

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The types that occur in the log: one query.
        types = ContentType.objects.filter(pk__in=(entries if entries is not None else LogEntry.objects.all())
                                           .order_by().values("content_type").distinct())
        self.fields["object_type"].queryset = types
        self.fields["object_type"].label_from_instance = lambda ct: str(ct.name)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return data


def filter_entries(entries, data: dict):
    if person := (data.get("person") or "").strip():
        entries = entries.filter(Q(actor__username__icontains=person) | Q(actor__last_name__icontains=person)
                                 | Q(actor__first_name__icontains=person))
    if data.get("object_type"):
        entries = entries.filter(content_type=data["object_type"])
    if data.get("action") is not None:
        entries = entries.filter(action=data["action"])
    zone = timezone.get_current_timezone()
    if data.get("date_from"):
        entries = entries.filter(timestamp__gte=datetime.combine(data["date_from"], time.min, tzinfo=zone))
    if data.get("date_to"):
        entries = entries.filter(timestamp__lte=datetime.combine(data["date_to"], time.max, tzinfo=zone))
    if q := (data.get("q") or "").strip():
        entries = entries.filter(object_repr__icontains=q)
    return entries


def actor_name(entry) -> str:
    return entry.actor.display_name if entry.actor_id else str(_("系统"))


HEADERS = (_("时间"), _("操作人"), _("用户名"), _("操作"), _("对象类型"), _("对象"), _("变更内容"))


def export_rows(entries):
    for e in entries[:EXPORT_LIMIT].iterator(chunk_size=2000):
        changes = "；".join(f"{label}：{old} → {new}" for label, old, new in logdisplay.describe_changes(e))
        yield (timezone.localtime(e.timestamp).strftime("%Y-%m-%d %H:%M:%S"), actor_name(e),
               e.actor.username if e.actor_id else "", logdisplay.audit_action_label(e.action),
               str(e.content_type.name), e.object_repr, changes)

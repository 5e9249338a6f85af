"""The bureau's form for a policy version: one field per parameter (one per row of a table), built from
portal.policy's declaration and prefilled from a version; the values are checked by policy.validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import policy


def field_name(param, row: str | None = None) -> str:
    return f"{param.key}__{row}" if row is not None else param.key


class PolicyVersionForm(forms.Form):
    basis = forms.CharField(label=_("调整依据（文号）"), max_length=200,
                            help_text=_("如：并商外贸发〔2027〕1 号。"))
    effective_from = forms.DateField(label=_("施行日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                     help_text=_("自该日起提交的申请、形成的义务和评估适用新版本；此前的不受影响。"))
    summary = forms.CharField(label=_("调整说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []  # [(group label, [(param, [bound fields])])] for the template
        by_group: dict[str, list] = {}
        for param in policy.PARAMETERS:
            names = []
            if param.kind in (policy.TABLE, policy.CRITERIA):
                for row in param.initial:
                    name = field_name(param, row)
                    value = values[param.key].get(row)
                    self.fields[name] = forms.CharField(label=param.row_label(row), required=False,
                                                        initial="" if value is None else value,
                                                        widget=forms.TextInput(attrs={"inputmode": "numeric"}))
                    names.append(name)
            else:
                self.fields[param.key] = forms.CharField(
                    label=f"{param.label}（{param.unit}）" if param.unit else param.label, required=False,
                    initial=str(values[param.key]), help_text=f"{param.article}{'；' + str(param.help) if param.help else ''}",
                    widget=forms.DateInput(attrs={"type": "date"}) if param.kind == policy.DAY else forms.TextInput())
                names.append(param.key)
            by_group.setdefault(str(param.group), []).append((param, names))
        self._by_group = by_group

    def parameter_groups(self):
        """[(group, [(param, [bound fields], errors)])]: errors are the parameter's, shown beside its fields."""
        return [(group, [(param, [self[n] for n in names], self.errors.get(param.key, []) if param.kind in
                          (policy.TABLE, policy.CRITERIA) else [])
                         for param, names in params])
                for group, params in self._by_group.items()]

    def raw_values(self) -> dict:
        """The values as typed (policy.validate checks them; a table's blank row is "no service life")."""
        data = self.cleaned_data
        out = {}
        for param in policy.PARAMETERS:
            if param.kind in (policy.TABLE, policy.CRITERIA):
                out[param.key] = {row: data.get(field_name(param, row), "") for row in param.initial}
            else:
                out[param.key] = data.get(param.key, "")
        return out

    def add_service_errors(self, exc) -> None:
        """A service's ValidationError: each message under its parameter's (or field's) name."""
        for key, messages in exc.message_dict.items():
            target = key if key in self.fields else None
            param = policy.BY_KEY.get(key)
            if param is not None and param.kind in (policy.TABLE, policy.CRITERIA):
                self._errors.setdefault(key, self.error_class())  # shown with the table (parameter_groups)
                self._errors[key].extend(messages)
                continue
            for message in messages:
                self.add_error(target, message)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 2}))

"""Forms of the vehicle pages and of each import row; the rules themselves are in services/rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.countries import country_choices

from .events import field_specs_for
from .models import EventType, InspectionConclusion, PreviousUse, Vehicle, VehicleType

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CountryField(forms.ChoiceField):
    """A picker of countries by their names (ISO 3166-1 alpha-2 codes as values): never two free letters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", lambda: country_choices(blank=True))
        super().__init__(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several documents in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class VehicleForm(forms.ModelForm):
    """The fields of one vehicle (page form and one row of a bulk import)."""

    confirm_vin_check = forms.BooleanField(
        label=_("我已核对：这是进口车辆，VIN 不含标准校验位"), required=False,
        help_text=_("仅当系统提示校验位不符且车辆确为进口车辆时勾选；确认记录在案。"),
    )

    class Meta:
        model = Vehicle
        fields = [
            "vin", "plate_number", "brand", "model", "vehicle_type", "registration_date", "manufacture_date",
            "mileage_km", "previous_use", "commercial_vehicle_type", "has_aftersales_confirmation",
        ]
        widgets = {"registration_date": DATE_INPUT, "manufacture_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous_use"].required = False
        self.fields["vin"].validators = []  # uniqueness and format: services.vehicle_field_errors
        self.fields["vin"].max_length = 32

    def validate_unique(self):
        """Duplicate VINs are reported by the service with the other VIN rules."""

    def clean_vin(self):
        return self.cleaned_data["vin"].strip().upper()

    def clean_previous_use(self):
        return self.cleaned_data.get("previous_use") or PreviousUse.NONCOMMERCIAL


IMPORT_COLUMNS = [name for name in VehicleForm.Meta.fields] + ["confirm_vin_check"]


def import_header(name: str) -> str:
    if name == "confirm_vin_check":
        label = _("进口车辆确认校验位（是/否）")
    else:
        label = Vehicle._meta.get_field(name).verbose_name
    return f"{label} [{name}]"


class VehicleFilterForm(forms.Form):
    q = forms.CharField(label=_("VIN、号牌或品牌"), required=False)
    vehicle_type = forms.ChoiceField(label=_("车辆类型"), required=False,
                                     choices=[("", _("全部"))] + list(VehicleType.choices))
    stage = forms.ChoiceField(label=_("进度"), required=False, choices=[
        ("", _("全部")), ("in_file", _("在档未出口")), ("cleared", _("已放行")), ("deregistered", _("已注销登记")),
    ])


class EventTypeForm(forms.Form):
    def __init__(self, *args, types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"] = forms.ChoiceField(
            label=_("记录类型"), choices=[(t, EventType(t).label) for t in types]
        )


def event_form_class(event_type: str, corrected_types=()):
    """A page form with the fields of one event type (api.md table) plus the date and documents."""
    fields = {"occurred_on": forms.DateField(label=_("发生日期"), widget=DATE_INPUT)}
    for spec in field_specs_for(event_type):
        if spec.kind == "bool":
            fields[spec.name] = forms.BooleanField(label=spec.label, required=False)
        elif spec.kind == "conclusion":
            fields[spec.name] = forms.ChoiceField(label=spec.label, choices=InspectionConclusion.choices)
        elif spec.kind == "country":
            fields[spec.name] = CountryField(label=spec.label, required=spec.required)
        elif spec.kind == "longtext":
            fields[spec.name] = forms.CharField(label=spec.label, required=spec.required, widget=forms.Textarea)
        else:
            fields[spec.name] = forms.CharField(label=spec.label, required=spec.required)
    if event_type == EventType.CORRECTION:
        for corrected in corrected_types:
            for spec in field_specs_for(corrected):
                if spec.name not in fields:
                    label = f"{spec.label}（{_('更正后')}）"
                    field = CountryField if spec.kind == "country" else forms.CharField
                    fields[spec.name] = field(label=label, required=False)
    fields["attachments"] = MultipleFileField(label=_("附件（PDF、JPEG 或 PNG）"), required=False)
    return type("EventForm", (forms.Form,), fields)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("文件（XLSX 或 CSV，使用下载的模板）"))


class LicenceApplicationForm(forms.Form):
    destination_country = CountryField(label=_("目的国"))

    def __init__(self, *args, vehicles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vins"] = forms.MultipleChoiceField(
            label=_("车辆（一批一证）"), widget=forms.CheckboxSelectMultiple,
            choices=[(v.vin, f"{v.vin} · {v.brand} {v.model}") for v in vehicles],
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("注销原因"), widget=forms.Textarea)


class SurrenderForm(forms.Form):
    """The enterprise returns its unused licence (the declaration's `surrender`, on casework's lifecycle route)."""

    change = forms.CharField(widget=forms.HiddenInput, initial="surrendered")
    reason = forms.CharField(label=_("交回原因"), widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(ReasonForm):
    """注销 cannot be undone (the declaration's `cancel` has confirm=True): the page asks first, without script."""

    confirm = forms.BooleanField(label=_("我确认注销该许可证：注销后不能恢复，许可证不能再用于报关放行。"), required=True)


class VerifySearchForm(forms.Form):
    q = forms.CharField(label=_("许可证号或车辆识别代号（VIN）"), max_length=32)

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation
from portal.roles import OrganisationKind
from traceability.forms import CountryField

from ..forms import EvidenceField
from . import rules
from .models import (
    IncidentCategory,
    IncidentSeverity,
    IncidentSource,
    IncidentStatus,
    OrderMeasure,
    VehicleOutcome,
)


class DateInput(forms.DateInput):
    input_type = "date"


class IncidentForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("涉事企业"), queryset=Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE).order_by("name"))
    title = forms.CharField(label=_("事件名称"), max_length=120)
    category = forms.ChoiceField(label=_("事件类别"), choices=IncidentCategory.choices)
    severity = forms.ChoiceField(label=_("严重程度"), choices=IncidentSeverity.choices)
    source = forms.ChoiceField(label=_("事件来源"), choices=IncidentSource.choices)
    source_reference = forms.CharField(label=_("来源编号（投诉编号、海关或目的国通报文号）"), max_length=60, required=False)
    description = forms.CharField(label=_("事件描述"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = EvidenceField(label=_("证据材料（PDF、JPEG 或 PNG）"), required=False)


class VehicleQueryForm(forms.Form):
    brand = forms.CharField(label=_("品牌"), max_length=64, required=False)
    model = forms.CharField(label=_("车型"), max_length=64, required=False)
    registered_from = forms.DateField(label=_("初次登记日期自"), required=False, widget=DateInput)
    registered_to = forms.DateField(label=_("初次登记日期至"), required=False, widget=DateInput)
    manufactured_from = forms.DateField(label=_("出厂日期自"), required=False, widget=DateInput)
    manufactured_to = forms.DateField(label=_("出厂日期至"), required=False, widget=DateInput)
    destination_country = CountryField(label=_("目的国"), required=False)
    licence_number = forms.CharField(label=_("出口许可证号"), max_length=40, required=False)
    exported_from = forms.DateField(label=_("海关放行日期自"), required=False, widget=DateInput)
    exported_to = forms.DateField(label=_("海关放行日期至"), required=False, widget=DateInput)
    vins = forms.CharField(label=_("VIN 清单（空格或换行分隔）"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class OrderForm(forms.Form):
    measures = forms.MultipleChoiceField(label=_("处置措施"), choices=OrderMeasure.choices,
                                         widget=forms.CheckboxSelectMultiple)
    working_days = forms.IntegerField(label=_("处置期限（工作日）"), min_value=1, max_value=rules.ORDER_WORKING_DAYS_MAX,
                                      initial=rules.ORDER_WORKING_DAYS_DEFAULT)
    facts = forms.CharField(label=_("事实与要求"), widget=forms.Textarea(attrs={"rows": 4}))


class VehicleReportForm(forms.Form):
    vin = forms.ChoiceField(label=_("车辆（VIN）"))
    outcome = forms.ChoiceField(label=_("处置情况"),
                                choices=[c for c in VehicleOutcome.choices if c[0] != VehicleOutcome.PENDING])
    country = CountryField(label=_("车辆所在国家"))
    description = forms.CharField(label=_("处置说明"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = EvidenceField(label=_("证明材料（PDF、JPEG 或 PNG）"), required=False)

    def __init__(self, *args, vins=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vin"].choices = [(v, v) for v in vins]


class HoldForm(forms.Form):
    model = forms.ChoiceField(label=_("品牌车型"))
    reason = forms.CharField(label=_("暂停理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, models=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [(f"{b}\t{m}", f"{b} {m}") for b, m in models]


class CloseForm(forms.Form):
    summary = forms.CharField(label=_("结案意见"), widget=forms.Textarea(attrs={"rows": 3}))


class IncidentFilterForm(forms.Form):
    q = forms.CharField(label=_("编号、名称或企业"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + IncidentStatus.choices, required=False)
    category = forms.ChoiceField(label=_("事件类别"), choices=[("", _("全部"))] + IncidentCategory.choices,
                                 required=False)

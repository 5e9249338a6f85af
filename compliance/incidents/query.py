"""The affected-vehicle query (实施方案三(四)): the cars an incident touches are found from the files, not
typed — by brand/model, registration or manufacture period, destination country, licence, export period
or a VIN list, always within the incident's enterprise. The query is kept with the set it made.
"""

from dataclasses import asdict, dataclass, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from traceability.models import Vehicle
from traceability.rules import is_country_code

from . import rules


@dataclass(frozen=True)
class VehicleQuery:
    brand: str = ""
    model: str = ""
    registered_from: date | None = None
    registered_to: date | None = None
    manufactured_from: date | None = None
    manufactured_to: date | None = None
    destination_country: str = ""
    licence_number: str = ""
    exported_from: date | None = None
    exported_to: date | None = None
    vins: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def as_json(self) -> dict:
        """The query as saved with the set (dates ISO, empty criteria left out)."""
        out = {}
        for name, value in asdict(self).items():
            if not value:
                continue
            out[name] = value.isoformat() if isinstance(value, date) else list(value) if isinstance(value, tuple) else value
        return out


PERIODS = (("registered_from", "registered_to"), ("manufactured_from", "manufactured_to"),
           ("exported_from", "exported_to"))


def clean_query(data: dict) -> VehicleQuery:
    """Plain values (a form's cleaned_data or JSON) → a VehicleQuery; bad input is a 400 naming the field."""
    errors: dict[str, list[str]] = {}
    raw_vins = data.get("vins") or ()
    if isinstance(raw_vins, str):
        raw_vins = raw_vins.replace(",", " ").replace("，", " ").split()
    vins = tuple(dict.fromkeys(str(v).strip().upper() for v in raw_vins if str(v).strip()))
    if len(vins) > rules.MAX_VINS:
        errors["vins"] = [_("一次最多 %(n)d 个 VIN。") % {"n": rules.MAX_VINS}]
    elif any(len(v) != 17 for v in vins):
        errors["vins"] = [_("VIN 须为17位。")]
    country = (data.get("destination_country") or "").strip().upper()
    if country and not is_country_code(country):
        errors["destination_country"] = [_("须为 ISO 3166 两位国家代码，例如 KZ。")]
    for start, end in PERIODS:
        if data.get(start) and data.get(end) and data[start] > data[end]:
            errors[end] = [_("结束日期不能早于开始日期。")]
    if errors:
        raise ValidationError(errors)
    return VehicleQuery(
        brand=(data.get("brand") or "").strip(), model=(data.get("model") or "").strip(),
        registered_from=data.get("registered_from"), registered_to=data.get("registered_to"),
        manufactured_from=data.get("manufactured_from"), manufactured_to=data.get("manufactured_to"),
        destination_country=country, licence_number=(data.get("licence_number") or "").strip().upper(),
        exported_from=data.get("exported_from"), exported_to=data.get("exported_to"), vins=vins,
    )


def find_vehicles(enterprise_id: int, query: VehicleQuery):
    """The enterprise's vehicles the query selects (a queryset: count it, bound it, then read it)."""
    qs = Vehicle.objects.filter(enterprise_id=enterprise_id)
    exact = {"brand": query.brand, "model": query.model, "destination_country": query.destination_country}
    qs = qs.filter(**{k: v for k, v in exact.items() if v})
    ranges = {"registration_date__gte": query.registered_from, "registration_date__lte": query.registered_to,
              "manufacture_date__gte": query.manufactured_from, "manufacture_date__lte": query.manufactured_to,
              "cleared_on__gte": query.exported_from, "cleared_on__lte": query.exported_to}
    qs = qs.filter(**{k: v for k, v in ranges.items() if v})
    if query.licence_number:
        qs = qs.filter(licences__number=query.licence_number)
    if query.vins:
        qs = qs.filter(vin__in=query.vins)
    return qs.distinct().order_by("vin")

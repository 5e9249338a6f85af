"""The fields of each trace event type (api.md table), validated into a JSON payload, and shown in words.

Pure functions: `validate_event_data(type, data)` answers the payload or raises a ValidationError
naming every bad field at once. Money is kept as a decimal string (yuan), never a float.
`payload_display(event)` is how a person reads a payload (the vehicle file, the dossier PDF): each field
by the label declared here, each coded value by its label (conclusion, yes/no, country), never the code.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.countries import country_name

from .models import EventType, InspectionConclusion
from .rules import DECLARATION_NUMBER, is_country_code

E = EventType
MAX_PRICE = Decimal(10) ** 12  # api.md v1.1 "Bad input": at most 12 integer digits


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text | longtext | decimal | int | country | conclusion | declaration | bool
    required: bool = True


def F(name, label, kind="text", required=True) -> FieldSpec:  # noqa: N802 - a table constructor
    return FieldSpec(name, label, kind, required)


_DESCRIPTION = F("description", _("说明"), "longtext")
_COUNTRY = F("country", _("所在国家"), "country")
_DECLARATION = (F("declaration_number", _("报关单号（18位）"), "declaration"), F("port", _("口岸")))
_NOTE = F("note", _("备注"), "longtext", required=False)

EVENT_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    E.PROCUREMENT: (F("seller_name", _("卖方名称")), F("price", _("价格（元）"), "decimal"),
                    F("contract_number", _("合同编号"))),
    E.TRANSFER_REGISTRATION: (F("certificate_number", _("登记证书编号")),),
    E.REFURBISHMENT: (_DESCRIPTION,),
    E.INSPECTION: (F("report_number", _("检测报告编号")), F("conclusion", _("检测结论"), "conclusion"),
                   F("qualification_number", _("资质证书编号（CMA/CNAS）")), F("mileage_km", _("里程（公里）"), "int"),
                   F("assembled", _("检出拼装"), "bool", required=False)),
    E.CUSTOMS_DECLARATION: _DECLARATION,
    E.CUSTOMS_CLEARANCE: _DECLARATION,
    E.SALE: (F("buyer_name", _("买方名称")), F("destination_country", _("目的国"), "country"),
             F("price", _("价格（元）"), "decimal")),
    E.AFTERSALES: (_DESCRIPTION, _COUNTRY),
    E.CLAIM: (_DESCRIPTION, _COUNTRY),
    E.REPAIR: (_DESCRIPTION, _COUNTRY),
    E.THEFT_FLAG: (F("case_number", _("案件编号")),),
    E.TRAFFIC_MATTER: (F("reference", _("违法/事故编号")),),
    E.TRAFFIC_MATTER_CLOSED: (F("reference", _("违法/事故编号")),),
    E.DEREGISTRATION: (F("certificate_number", _("注销证明编号")),),
    E.COMPLAINT: (_DESCRIPTION, F("complaint_number", _("投诉编号"), required=False)),
    E.INCIDENT: (F("incident_number", _("应急事件编号")), F("category", _("事件类别")), _DESCRIPTION),
    E.LICENCE_ISSUED: (F("licence_number", _("许可证号")), F("valid_until", _("有效期至")),
                       F("destination_country", _("目的国"), "country")),
    E.CORRECTION: (F("corrects_seq", _("更正的记录序号"), "int"), F("reason", _("更正原因"), "longtext"),
                   F("withdrawn", _("撤销该记录"), "bool", required=False)),
}


def _required_message():
    return _("此字段为必填项。")


def _clean_value(spec: FieldSpec, raw):
    """The JSON value of one field, or raise ValueError with a message."""
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw
        if str(raw).lower() in ("true", "1", "on", "yes"):
            return True
        if str(raw).lower() in ("false", "0", "off", "no", ""):
            return False
        raise ValueError(_("须为 true 或 false。"))
    if spec.kind == "int":
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValueError(_("须为非负整数。"))
        if value < 0:
            raise ValueError(_("须为非负整数。"))
        return value
    text = str(raw).strip()
    if spec.kind == "decimal":
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("须为金额（元），最多两位小数。"))
        # api.md v1.1 "Bad input": positive, at most 12 integer digits and 2 decimals.
        if not value.is_finite() or value <= 0 or value.as_tuple().exponent < -2 or value >= MAX_PRICE:
            raise ValueError(_("须为正的金额（元），整数部分最多 12 位，最多两位小数。"))
        return str(value.quantize(Decimal("0.01")))
    if spec.kind == "country":
        text = text.upper()
        if not is_country_code(text):
            raise ValueError(_("须为 ISO 3166 两位国家代码，例如 KZ。"))
        return text
    if spec.kind == "conclusion":
        if text not in InspectionConclusion.values:
            raise ValueError(_("检测结论须为 pass（合格）或 fail（不合格）。"))
        return text
    if spec.kind == "declaration":
        text = text.upper()
        if not DECLARATION_NUMBER.match(text):
            raise ValueError(_("报关单号须为18位：关区代码4位、年份4位、出口标志0（或E）、顺序号9位。"))
        return text
    if len(text) > (2000 if spec.kind == "longtext" else 200):
        raise ValueError(_("内容过长。"))
    return text


def _is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def clean_fields(specs, data: dict, *, all_optional: bool = False) -> tuple[dict, dict]:
    payload, errors = {}, {}
    for spec in specs:
        raw = data.get(spec.name)
        if _is_blank(raw):
            if spec.required and not all_optional:
                errors[spec.name] = [_required_message()]
            continue
        try:
            payload[spec.name] = _clean_value(spec, raw)
        except ValueError as exc:
            errors[spec.name] = [exc.args[0]]
    return payload, errors


def validate_event_data(event_type: str, data: dict, *, corrected_type: str | None = None) -> dict:
    """The payload of an event of `event_type`; a correction also takes the corrected type's fields
    (each optional, at least one given unless the record is withdrawn)."""
    payload, errors = clean_fields(EVENT_FIELDS[event_type], data)
    payload.update(clean_fields((_NOTE,), data)[0])
    if event_type == E.CORRECTION and corrected_type is not None:
        corrected, more_errors = clean_fields(EVENT_FIELDS[corrected_type], data, all_optional=True)
        errors.update(more_errors)
        payload.update(corrected)
        if not errors and not corrected and not payload.get("withdrawn"):
            errors["corrects_seq"] = [_("请填写更正后的字段，或选择撤销该记录。")]
    if errors:
        raise ValidationError(errors)
    return payload


def field_specs_for(event_type: str) -> tuple[FieldSpec, ...]:
    return EVENT_FIELDS[event_type] + (_NOTE,)


# --- In words (issue 20 point 1) ---------------------------------------------------------------------
# Fields the portal adds to a payload itself (services.append_event), not typed by anyone.
SYSTEM_FIELDS = (F("clearance_seq", _("对应的海关放行记录序号"), "int"),)
_ALL_SPECS = {spec.name: spec for specs in (*EVENT_FIELDS.values(), SYSTEM_FIELDS, (_NOTE,)) for spec in specs}
YES_NO = {True: _("是"), False: _("否")}


def value_display(spec: FieldSpec | None, value) -> str:
    """A stored value as a person reads it: labels for coded values, names for country codes."""
    kind = spec.kind if spec else ""
    if kind == "bool" or isinstance(value, bool):
        return str(YES_NO[bool(value)])
    if kind == "conclusion" and value in InspectionConclusion.values:
        return str(InspectionConclusion(value).label)
    if kind == "country":
        return country_name(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def payload_display(event_type: str, payload: dict) -> list[tuple[str, str]]:
    """[(label, value)] of an event's payload in the declared order, then any other stored field
    (a correction carries the corrected type's fields); attachments are listed apart."""
    specs = {spec.name: spec for spec in field_specs_for(event_type)}
    names = [n for n in specs if n in payload] + [n for n in payload if n not in specs and n != "attachments"]
    rows = []
    for name in names:
        spec = specs.get(name) or _ALL_SPECS.get(name)
        rows.append((str(spec.label) if spec else name, value_display(spec, payload[name])))
    return rows

"""Field validators for the structured parts of an application (办法第三条第4项、第四条).

Attached to the model fields, so the step forms, the API serializer and the services all use them.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.identifiers import check_uscc

COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
OUTLET_OWNERSHIP = ("owned", "partner")


def validate_uscc_format(value: str) -> None:
    """办法第三条第1项: a USCC that fails GB 32100-2015 is refused when typed (rule `uscc_valid`)."""
    if value and not check_uscc(value).valid:
        raise ValidationError(
            _("统一社会信用代码无效：须为 18 位且校验码正确（GB 32100-2015，办法第三条第1项）。"),
            code="uscc_valid",
        )


def validate_district_code(value: str) -> None:
    if value and not re.fullmatch(r"\d{6}", value):
        raise ValidationError(_("行政区划代码须为 6 位数字（GB/T 2260）。"), code="district_format")


def validate_non_negative(value) -> None:
    if value is not None and value < 0:
        raise ValidationError(_("金额不能为负数。"), code="negative")


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def validate_export_targets(value) -> None:
    """第四条: a list of {"year", "vehicles", "value"}, one per year, counts and values ≥ 0."""
    if not isinstance(value, list):
        raise ValidationError(_("出口目标须为按年列出的清单（办法第四条）。"), code="export_targets")
    years = set()
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ValidationError(_("出口目标第 %(n)s 项格式不正确（办法第四条）。"), params={"n": n}, code="export_targets")
        year, vehicles, amount = item.get("year"), item.get("vehicles"), _decimal(item.get("value"))
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise ValidationError(_("出口目标第 %(n)s 项：年份不正确（办法第四条）。"), params={"n": n}, code="export_targets")
        if year in years:
            raise ValidationError(_("出口目标第 %(n)s 项：年份重复（办法第四条）。"), params={"n": n}, code="export_targets")
        years.add(year)
        if not isinstance(vehicles, int) or isinstance(vehicles, bool) or vehicles < 0:
            raise ValidationError(
                _("出口目标第 %(n)s 项：出口数量须为非负整数（办法第四条）。"), params={"n": n}, code="export_targets"
            )
        if amount is None or amount < 0:
            raise ValidationError(
                _("出口目标第 %(n)s 项：出口金额须为非负金额（元）（办法第四条）。"), params={"n": n}, code="export_targets"
            )


def validate_overseas_outlets(value) -> None:
    """第三条第4项: a list of {"name", "country" (ISO 3166 alpha-2), "city", "ownership"}."""
    if not isinstance(value, list):
        raise ValidationError(_("海外网点须为清单（办法第三条第4项）。"), code="overseas_outlets")
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            raise ValidationError(_("海外网点第 %(n)s 项：须填写网点名称。"), params={"n": n}, code="overseas_outlets")
        if not COUNTRY_CODE.match(str(item.get("country", ""))):
            raise ValidationError(
                _("海外网点第 %(n)s 项：国家须为 ISO 3166 两位字母代码。"), params={"n": n}, code="overseas_outlets"
            )
        if item.get("ownership", "owned") not in OUTLET_OWNERSHIP:
            raise ValidationError(
                _("海外网点第 %(n)s 项：性质须为 owned（自有）或 partner（合作）。"), params={"n": n}, code="overseas_outlets"
            )

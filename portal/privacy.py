"""Masking of personal data in lists and public pages (issue 9 point 6, 《个人信息保护法》第五十一条).

Pure functions over strings: names of individuals, mobile and fixed-line numbers, identity-card
numbers. A value that is already short or empty is masked so that nothing useful remains.
"""

import re

MASK = "*"


def mask_name(name: str | None) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*** S****; keeps only the first character of each word."""
    name = (name or "").strip()
    if not name:
        return ""
    if re.search(r"[A-Za-z]", name) and " " in name:
        return " ".join(word[0] + MASK * (len(word) - 1) for word in name.split())
    return name[0] + MASK * max(len(name) - 1, 1)


def mask_phone(phone: str | None) -> str:
    """13812345678 → 138****5678; +86 138 1234 5678 → +86 138****5678; 0351-1234567 → 0351-***4567."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    prefix = ""
    if phone.startswith("+") and digits.startswith("86") and len(digits) == 13:
        prefix, digits = "+86 ", digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return f"{prefix}{digits[:3]}{MASK * 4}{digits[-4:]}"
    area = re.match(r"^\s*(0\d{2,3})[-\s]", phone)
    if area:
        local = digits[len(area.group(1)):]
        return f"{area.group(1)}-{MASK * max(len(local) - 4, 1)}{local[-4:]}"
    if len(digits) <= 4:
        return MASK * len(digits)
    return MASK * (len(digits) - 4) + digits[-4:]


def mask_id_number(number: str | None) -> str:
    """居民身份证号 (18 or 15 characters) keeps its first 3 and last 4 characters: 110***********123X."""
    number = (number or "").strip().upper()
    if not number:
        return ""
    if len(number) <= 7:
        return MASK * len(number)
    return number[:3] + MASK * (len(number) - 7) + number[-4:]


def mask_email(email: str | None) -> str:
    """aibek@example.kz → a****@example.kz: the mailbox masked, the domain kept."""
    email = (email or "").strip()
    if not email:
        return ""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}{MASK * max(len(local) - 1, 1)}@{domain}" if domain else mask_name(email)


def may_see_personal_data(user, organisation_id: int | None) -> bool:
    """api.md v1.1 "Personal data": in full only to the bureau and to the person's own organisation."""
    from .roles import is_bureau

    if not getattr(user, "is_authenticated", False):
        return False
    if is_bureau(user):
        return True
    return organisation_id is not None and user.organisation_id == organisation_id


class MaskPersonalDataMixin:
    """A DRF serializer mixin: `PERSONAL_FIELDS` (field → mask function) are masked in the output unless
    the requesting user may see them; `personal_data_owner(instance)` names the organisation whose
    people they are (None: a member of the public, so only the bureau sees them). No request, no
    full data."""

    PERSONAL_FIELDS: dict = {}

    def personal_data_owner(self, instance) -> int | None:
        return None

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not may_see_personal_data(user, self.personal_data_owner(instance)):
            for name, mask in self.PERSONAL_FIELDS.items():
                if data.get(name):
                    data[name] = mask(data[name])
        return data

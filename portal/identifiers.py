"""Identifier checks that several apps share: the 统一社会信用代码 (USCC) and Taiyuan's divisions.

Pure functions over plain values. python-stdnum's cn.uscc rejects valid codes with a letter in
positions 1–2 and skips the inner organisation-code check (domain-rules.md), so the check is
written out here from GB 32100-2015 and GB 11714-1997.
"""

from dataclasses import dataclass

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# 办法第三条 / domain-rules.md: six districts, three counties, 古交市 and the 示范区 (140171,
# a statistical code outside GB/T 2260).
TAIYUAN_DISTRICTS = {
    "140105": "小店区",
    "140106": "迎泽区",
    "140107": "杏花岭区",
    "140108": "尖草坪区",
    "140109": "万柏林区",
    "140110": "晋源区",
    "140121": "清徐县",
    "140122": "阳曲县",
    "140123": "娄烦县",
    "140181": "古交市",
    "140171": "山西转型综合改革示范区",
}
# Characters 3–8 of an older USCC may name the city itself or a retired district code.
TAIYUAN_USCC_DIVISIONS = set(TAIYUAN_DISTRICTS) | {"140100", "140101", "140102", "140103", "140104", "140111"}


def uscc_check_character(first17: str) -> str:
    """GB 32100-2015: weights 3^(i-1) mod 31, check = (31 - sum mod 31) mod 31."""
    total = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(first17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_character(first8: str) -> str:
    """GB 11714-1997 check character of the 9-character organisation code inside a USCC."""
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in first8]
    remainder = 11 - sum(v * w for v, w in zip(values, _ORG_CODE_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


@dataclass(frozen=True)
class UsccCheck:
    valid: bool
    problem: str = ""  # a short machine word: length, alphabet, check_character
    inner_code_mismatch: bool = False  # the organisation code's own check; flagged, not fatal


def check_uscc(code: str) -> UsccCheck:
    code = (code or "").strip().upper()
    if len(code) != 18:
        return UsccCheck(False, "length")
    if any(ch not in USCC_ALPHABET for ch in code):
        return UsccCheck(False, "alphabet")
    if uscc_check_character(code[:17]) != code[17]:
        return UsccCheck(False, "check_character")
    inner = code[8:17]
    inner_ok = all(ch.isdigit() or "A" <= ch <= "Z" for ch in inner[:8]) and org_code_check_character(inner[:8]) == inner[8]
    return UsccCheck(True, "", inner_code_mismatch=not inner_ok)


def uscc_division(code: str) -> str:
    """Characters 3–8: the registering authority's administrative division."""
    return (code or "")[2:8]


def is_taiyuan_district(district_code: str) -> bool:
    return district_code in TAIYUAN_DISTRICTS


def make_uscc(first17: str) -> str:
    """Complete a 17-character prefix with its check character (demo data and tests)."""
    return first17 + uscc_check_character(first17)


def make_org_code(first8: str) -> str:
    return first8 + org_code_check_character(first8)

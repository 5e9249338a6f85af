"""办法第三条: the admission fields as the officer reads them — the 海外自有网点 priority factor only
for outlets declared owned (第三条第4项), and a USCC whose inner organisation code (GB 11714-1997)
has a wrong check character flagged to the officer without changing `passed` (第三条第1项)."""

from applications import rules
from applications.models import Application
from portal.identifiers import make_org_code, make_uscc
from portal.policy import first_version_values

V1 = first_version_values()  # issue 24: the thresholds of version 1 (the 办法 as it took effect)

GOOD_USCC = make_uscc("91140105" + make_org_code("MA0K7Q31"))
# Same 17 characters except a wrong GB 11714 check character in position 17, with its own GB 32100 check.
INNER = make_org_code("MA0K7Q31")
BAD_INNER_USCC = make_uscc("91140105" + INNER[:8] + ("1" if INNER[8] != "1" else "2"))


def _priority(outlets):
    result = {r.code: r for r in rules.priority_factors(Application(overseas_outlets=outlets))}
    return result["overseas_outlets"].passed


def test_the_owned_outlet_priority_is_not_ticked_for_a_partner_outlet_办法第三条第4项():
    assert _priority([{"name": "塔什干合作网点", "country": "UZ", "city": "Tashkent", "ownership": "partner"}]) is False
    assert _priority([{"name": "阿拉木图展销中心", "country": "KZ", "city": "Almaty", "ownership": "owned"}]) is True
    assert _priority([]) is False


def test_a_wrong_inner_organisation_code_is_flagged_to_the_officer_not_refused_办法第三条第1项():
    assert rules.is_uscc_valid(BAD_INNER_USCC)
    flagged = {r.code: r for r in rules.hard_checks(Application(uscc=BAD_INNER_USCC, registered_district="140105"), V1)}
    assert flagged["uscc_valid"].passed is True
    assert "GB 11714" in str(flagged["uscc_valid"].note)
    clean = {r.code: r for r in rules.hard_checks(Application(uscc=GOOD_USCC, registered_district="140105"), V1)}
    assert clean["uscc_valid"].note == ""

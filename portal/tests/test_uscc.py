"""办法第三条 / GB 32100-2015: the USCC check character."""

import pytest

from portal.identifiers import check_uscc, make_uscc


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y43", "911401057015456789"[:17] + make_uscc("91140105701545678")[-1], "91110000MA0K7Q311B"],
)
def test_valid_codes_pass(code):
    assert check_uscc(code).valid


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y44", "check_character"),
        ("91350100M000100I43", "alphabet"),
        ("91350100M000100O43", "alphabet"),
    ],
)
def test_invalid_codes_fail_with_the_reason(code, problem):
    result = check_uscc(code)
    assert not result.valid
    assert result.problem == problem


def test_a_letter_in_positions_1_and_2_is_accepted_unlike_python_stdnum():
    code = make_uscc("A1140105MA0K7Q311")
    assert check_uscc(code).valid

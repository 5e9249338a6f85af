"""Issue 9 point 6 (个人信息保护法第五十一条): personal data masked in lists and public pages."""

import pytest
from django.template import Context, Template

from portal.privacy import mask_id_number, mask_name, mask_phone


@pytest.mark.parametrize(("name", "masked"), [
    ("张三", "张*"),
    ("欧阳娜娜", "欧***"),
    ("李", "李*"),
    ("John Smith", "J*** S****"),
    ("", ""),
    (None, ""),
])
def test_names_of_individuals_keep_only_their_first_character(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812345678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("+86 138-1234-5678", "+86 138****5678"),
    ("0351-4123456", "0351-***3456"),
    ("12345", "*2345"),
    ("110", "***"),
    ("", ""),
])
def test_phone_numbers_keep_only_the_prefix_and_the_last_four_digits(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(("number", "masked"), [
    ("14010519900307123x", "140***********123X"),
    ("140105900307123", "140********7123"),
    ("1234", "****"),
    ("", ""),
])
def test_id_numbers_keep_only_the_first_three_and_last_four_characters(number, masked):
    assert mask_id_number(number) == masked


def test_no_masked_value_contains_the_hidden_digits():
    assert "1990" not in mask_id_number("14010519900307123X")
    assert "1234" not in mask_phone("13812345678")


def test_templates_mask_through_the_privacy_filters_and_still_escape():
    rendered = Template(
        "{% load privacy %}{{ name|mask_name }}|{{ phone|mask_phone }}|{{ idn|mask_id_number }}|{{ evil|mask_name }}"
    ).render(Context({"name": "王小明", "phone": "13912345678", "idn": "140105199003071234", "evil": "<b>x"}))
    assert rendered == "王**|139****5678|140***********1234|&lt;***"

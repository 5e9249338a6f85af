"""Accessibility (issue 11 point 3): the whole application form can be completed and submitted with the
keyboard alone — Tab to move, typing to fill, arrow keys inside a select, Enter to press a button."""

import pytest

from applications.models import Application, ApplicationStatus

from .journeys import PASSWORD, arrive, write_pdf

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 120


def tab_to(page, selector: str) -> None:
    """Press Tab until the focused element matches `selector` (as a keyboard user moves through the page)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab on {page.url}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, selector: str, downs: int) -> None:
    tab_to(page, selector)
    for _ in range(downs):
        page.keyboard.press("ArrowDown")


def press(page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    arrive(page)


NEXT = "button[value=next]"
YES, NO = 1, 2  # 未知 → 是 → 否


def test_the_application_form_is_completed_with_the_keyboard_alone(page, enterprise_user, tmp_path):
    page.goto("/accounts/login/")
    type_into(page, "#id_username", enterprise_user.username)
    type_into(page, "#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    arrive(page)
    press(page, "main a[href='/applications/']")
    press(page, "form[action$='/start/'] button")

    for selector, text in (("#id_address", "太原市小店区长风街 100 号"), ("#id_legal_representative", "李建华"),
                           ("#id_contact_name", "李申请"), ("#id_contact_phone", "0351-6000200")):
        type_into(page, selector, text)
    for selector, downs in (("#id_independent_legal_person", YES), ("#id_has_import_export_rights", YES),
                            ("#id_violations_last_2_years", NO), ("#id_fiscal_arrears", NO),
                            ("#id_credit_record_clean", YES)):
        choose(page, selector, downs)
    press(page, NEXT)
    for selector, text in (("#id_registered_capital", "3000"), ("#id_paid_in_capital", "2000"),
                           ("#id_net_assets", "2500")):  # 万元
        type_into(page, selector, text)
    press(page, NEXT)
    for selector in ("#id_foreign_trade_experience", "#id_sourcing_capacity", "#id_overseas_channels",
                     "#id_destination_policy_knowledge"):
        type_into(page, selector, "已具备，详见附件。")
    press(page, NEXT)
    type_into(page, "#id_repair_parts_system", "阿拉木图合作维修站。")
    press(page, NEXT)
    type_into(page, "#id_outlets-0-name", "阿拉木图展厅")
    type_into(page, "#id_outlets-0-country", "KZ")
    press(page, NEXT)
    for selector in ("#id_business_plan", "#id_investment_plan", "#id_business_model"):
        type_into(page, selector, "三年计划，详见计划书。")
    for row, year in enumerate((2027, 2028, 2029)):
        type_into(page, f"#id_targets-{row}-year", str(year))
        type_into(page, f"#id_targets-{row}-vehicles", "200")
        type_into(page, f"#id_targets-{row}-value", "2000")  # 万元
    press(page, NEXT)

    choose(page, "#id_kind", 5)  # 二手车出口项目经营计划书
    tab_to(page, "#id_file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(write_pdf(tmp_path)))
    press(page, "main form[enctype] button.primary")
    press(page, "a.button[href$='/check/']")  # check your answers
    tab_to(page, "#id_credit_commitment")  # the 信用承诺书's box, ticked with the space bar
    page.keyboard.press("Space")
    press(page, "form[action$='/submit/'] button")

    application = Application.objects.get(organisation=enterprise_user.organisation)
    assert application.status == ApplicationStatus.SUBMITTED, page.locator(".messages").all_inner_texts()
    assert application.reference_number in page.locator("h1").inner_text()

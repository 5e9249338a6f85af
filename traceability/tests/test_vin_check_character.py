"""GB 16735 / ISO 3779: VIN format and check character (domain-rules.md "VIN")."""

import pytest

from traceability.rules import (
    VIN_BAD_CHECK,
    VIN_BAD_FORMAT,
    VIN_CHECK_WARNING,
    check_vin,
    vin_check_character,
)
from traceability.tests.helpers import new_vin

pytestmark = pytest.mark.django_db


def test_gb16735_the_check_character_of_a_known_vin_is_computed():
    # The ISO 3779 worked example 1M8GDM9A_KP042788 has check character X.
    assert vin_check_character("1M8GDM9A0KP042788") == "X"
    assert check_vin("1M8GDM9AXKP042788").ok


def test_gb16735_a_chinese_vin_with_a_wrong_check_character_is_refused():
    vin = new_vin()
    wrong = vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]
    assert check_vin(vin).ok
    assert check_vin(wrong).error == VIN_BAD_CHECK


def test_gb16735_an_imported_vin_with_a_wrong_check_character_is_only_a_warning():
    vin = "WVWZZZ1KZ8W000001"
    assert vin_check_character(vin) != vin[8]
    result = check_vin(vin)
    assert result.error is None and result.warning == VIN_CHECK_WARNING


@pytest.mark.parametrize("vin", ["LFV2A21K0M300010", "LFV2A21K0M30001011", "LFV2A21KIM3000101", "LFV2A21KOM3000101",
                                 "LFV2A21KQM3000101", "LFV2A21K-M3000101"])
def test_gb16735_a_vin_of_the_wrong_length_or_with_i_o_q_is_refused(vin):
    assert check_vin(vin).error == VIN_BAD_FORMAT


def _body(vin, **extra):
    return {"vin": vin, "plate_number": "晋A1", "brand": "大众", "model": "速腾",
            "vehicle_type": "noncommercial_passenger_small", "registration_date": "2019-05-20", "mileage_km": 1000,
            **extra}


def test_the_api_answers_400_naming_the_vin_for_a_bad_check_character(api, pilot_user):
    vin = new_vin()
    wrong = vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]
    response = api(pilot_user).post("/api/v1/vehicles/", _body(wrong), format="json")
    assert response.status_code == 400
    assert "vin" in response.json()


def test_an_imported_vin_is_accepted_once_the_officer_confirms_and_the_confirmation_is_kept(api, pilot_user):
    vin = "WVWZZZ1KZ8W000001"
    refused = api(pilot_user).post("/api/v1/vehicles/", _body(vin), format="json")
    assert refused.status_code == 400 and "vin" in refused.json()
    created = api(pilot_user).post("/api/v1/vehicles/", _body(vin, confirm_vin_check=True), format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["vin_check_confirmed"] is True
    from traceability.models import Vehicle

    assert Vehicle.objects.get(vin=vin).vin_check_confirmed_by == pilot_user


def test_a_vin_already_on_file_is_a_400(api, pilot_user):
    vin = new_vin()
    assert api(pilot_user).post("/api/v1/vehicles/", _body(vin), format="json").status_code == 201
    again = api(pilot_user).post("/api/v1/vehicles/", _body(vin), format="json")
    assert again.status_code == 400 and "vin" in again.json()


def test_an_enterprise_not_in_good_standing_cannot_register_vehicles_article_12(api, enterprise_user):
    response = api(enterprise_user).post("/api/v1/vehicles/", _body(new_vin()), format="json")
    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "not_in_good_standing"
    assert response.json()["reasons"][0]["article"] == "办法第十二条"


def test_police_cannot_register_vehicles(api, police_officer):
    assert api(police_officer).post("/api/v1/vehicles/", _body(new_vin()), format="json").status_code == 403

"""api.md v1.1 "Bad input", 报废规定第五条 (the start date counts the service life): a vehicle's
registration and manufacture dates before 1950 or in the future are a 400 naming the field."""

from datetime import date

import pytest

from traceability.services import vehicle_field_errors

from .helpers import TODAY, new_vin

BASE = {"brand": "大众", "model": "速腾", "vehicle_type": "noncommercial_passenger_small", "mileage_km": 1}


@pytest.mark.django_db
@pytest.mark.parametrize("field, value", [
    ("registration_date", date(1800, 1, 1)),
    ("registration_date", date(1949, 12, 31)),
    ("manufacture_date", date(1800, 1, 1)),
    ("manufacture_date", date(2026, 6, 16)),
])
def test_a_date_before_1950_or_after_today_is_refused_naming_the_field_报废规定第五条(field, value):
    fields = {**BASE, "vin": new_vin(), "registration_date": date(2019, 5, 20), field: value}
    if field == "manufacture_date" and value > date(2019, 5, 20):
        fields["registration_date"] = value  # only the future is wrong here
    errors = vehicle_field_errors(fields, today=TODAY)
    assert field in errors


@pytest.mark.django_db
def test_the_api_answers_400_on_registration_date_1800(api, pilot_user):
    response = api(pilot_user).post("/api/v1/vehicles/", {**BASE, "vin": new_vin(), "registration_date": "1800-01-01"},
                                    format="json")
    assert response.status_code == 400 and "registration_date" in response.json()

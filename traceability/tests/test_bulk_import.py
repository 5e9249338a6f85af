"""Issue 6 point 2: bulk import — every row validated first, all errors reported, nothing imported on error."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from portal.exports import xlsx_bytes
from traceability.forms import IMPORT_COLUMNS, import_header
from traceability.imports import run_import, start_import
from traceability.models import ImportStatus, Vehicle, VehicleImport
from traceability.tests.helpers import TODAY, new_vin

HEADERS = [import_header(c) for c in IMPORT_COLUMNS]


def _row(vin, **extra):
    values = {"vin": vin, "plate_number": "晋A1", "brand": "大众", "model": "速腾",
              "vehicle_type": "noncommercial_passenger_small", "registration_date": "2019-05-20",
              "manufacture_date": "", "mileage_km": "1000", "previous_use": "noncommercial",
              "commercial_vehicle_type": "", "has_aftersales_confirmation": "否", "confirm_vin_check": "否"}
    values.update(extra)
    return [values[c] for c in IMPORT_COLUMNS]


def _csv(rows) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _job(user, name, content):
    return VehicleImport.objects.create(enterprise=user.organisation, created_by=user, filename=name, content=content)


@pytest.mark.django_db
def test_the_template_is_downloadable_and_has_every_column(client, pilot_user):
    client.force_login(pilot_user)
    response = client.get("/vehicles/import/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS


@pytest.mark.django_db
def test_every_invalid_row_is_reported_with_row_and_field_and_nothing_is_imported(pilot_user):
    taken = new_vin()
    Vehicle.objects.create(vin=taken, enterprise=pilot_user.organisation, created_by=pilot_user, brand="x", model="x",
                           vehicle_type="noncommercial_passenger_small", registration_date=TODAY, mileage_km=1)
    good, bad_check = new_vin(), new_vin()
    bad_check = bad_check[:8] + ("1" if bad_check[8] != "1" else "2") + bad_check[9:]
    rows = [_row(good), _row(bad_check), _row(taken, mileage_km="-5"), _row(new_vin(), vehicle_type="rocket"),
            _row(good)]
    job = run_import(_job(pilot_user, "cars.csv", _csv(rows)).pk, today=TODAY)
    assert job.status == ImportStatus.FAILED
    found = {(e["row"], e["field"]) for e in job.errors}
    assert {(3, "vin"), (4, "vin"), (4, "mileage_km"), (5, "vehicle_type"), (6, "vin")} <= found
    assert (2, "vin") not in found
    assert Vehicle.objects.count() == 1


@pytest.mark.django_db
def test_a_valid_xlsx_is_imported_entirely(pilot_user):
    vins = [new_vin() for _ in range(3)]
    content = xlsx_bytes(HEADERS, [_row(v) for v in vins])
    job = run_import(_job(pilot_user, "cars.xlsx", content).pk, today=TODAY)
    assert job.status == ImportStatus.DONE and job.imported_count == 3 and job.percent == 100
    assert set(Vehicle.objects.values_list("vin", flat=True)) == set(vins)


@pytest.mark.django_db(transaction=True)
def test_the_import_runs_in_a_celery_worker_and_the_progress_page_polls_it(client, pilot_user, celery_worker):
    vins = [new_vin() for _ in range(60)]
    upload = SimpleUploadedFile("cars.csv", _csv([_row(v) for v in vins]), content_type="text/csv")
    client.force_login(pilot_user)
    response = client.post("/vehicles/import/", {"file": upload})
    job = VehicleImport.objects.get()
    assert response.url == f"/vehicles/import/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "traceability-import.js" in page and "<progress" in page and "<script>" not in page
    deadline = time.monotonic() + 60
    while True:
        state = client.get(f"/vehicles/import/{job.pk}/status/").json()
        if state["finished"] or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert state["status"] == "done" and state["imported_count"] == 60 and state["percent"] == 100
    assert Vehicle.objects.filter(vin__in=vins).count() == 60


@pytest.mark.django_db
def test_an_import_by_an_enterprise_not_in_good_standing_is_refused(enterprise_user):
    from portal.errors import RuleRefused

    with pytest.raises(RuleRefused):
        start_import(SimpleUploadedFile("cars.csv", _csv([])), actor=enterprise_user)

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
def test_typed_xlsx_cells_dates_numbers_and_booleans_are_read_as_the_template_text(pilot_user):
    from datetime import date, datetime

    from openpyxl import Workbook

    vin = new_vin()
    values = dict(zip(IMPORT_COLUMNS, _row(vin), strict=True))
    values.update(registration_date=date(2019, 5, 20), manufacture_date=datetime(2019, 3, 1), mileage_km=68000.0,
                  has_aftersales_confirmation=True)
    workbook = Workbook()
    workbook.active.append(HEADERS)
    workbook.active.append([values[c] for c in IMPORT_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = run_import(_job(pilot_user, "typed.xlsx", buffer.getvalue()).pk, today=TODAY)
    assert job.status == ImportStatus.DONE, job.errors
    vehicle = Vehicle.objects.get(vin=vin)
    assert (vehicle.registration_date, vehicle.manufacture_date, vehicle.mileage_km,
            vehicle.has_aftersales_confirmation) == (date(2019, 5, 20), date(2019, 3, 1), 68000, True)


@pytest.mark.django_db
def test_a_row_is_judged_on_its_own_values_not_on_the_row_before(pilot_user):
    rows = [_row(new_vin(), mileage_km="-5", vehicle_type="rocket"), _row(new_vin()),
            _row(new_vin(), registration_date="2030-01-01"), _row(new_vin())]
    job = run_import(_job(pilot_user, "cars.csv", _csv(rows)).pk, today=TODAY)
    assert {(e["row"], e["field"]) for e in job.errors} == {(2, "mileage_km"), (2, "vehicle_type"),
                                                             (4, "registration_date")}


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


# --- Issue 10: the bulk path -----------------------------------------------------------------------
def _snapshot(vins):
    """What a registration leaves behind, per VIN: the vehicle's columns, its audit rows, its events."""
    from portal.models import ActivityLog
    from traceability.models import TraceEvent

    skip = {"id", "created_at"}
    vehicles = {v["vin"]: {k: x for k, x in v.items() if k not in skip}
                for v in Vehicle.objects.filter(vin__in=vins).values()}
    ids = dict(Vehicle.objects.filter(vin__in=vins).values_list("pk", "vin"))
    audit = sorted((ids[int(a.object_id)], a.action, a.actor_id, a.data, a.content_type_id, a.visible_to_enterprise)
                   for a in ActivityLog.objects.filter(object_id__in=[str(pk) for pk in ids],
                                                       action__startswith="vehicle."))
    events = sorted((ids[e.vehicle_id], e.seq, e.type, e.prev_hash, e.hash)
                    for e in TraceEvent.objects.filter(vehicle_id__in=ids))
    return vehicles, audit, events


@pytest.mark.django_db
def test_the_bulk_import_writes_exactly_what_registering_each_row_writes(pilot_user):
    """Issue 6 point 1 rules through issue 10's bulk path: same vehicles, audit rows and (empty) chains."""
    from django.db import transaction

    from traceability.forms import VehicleForm
    from traceability.services import register_vehicle

    imported = new_vin("WVWZZZ1K")
    imported = imported[:8] + ("1" if imported[8] != "1" else "2") + imported[9:]  # no check character (GB 16735)
    rows = [
        _row(new_vin()),
        _row(imported, confirm_vin_check="是", brand="Volkswagen", model="Golf", plate_number=""),
        _row(new_vin(), previous_use="changed", commercial_vehicle_type="taxi_small", manufacture_date="2016-01-10",
             registration_date="2018-03-01", has_aftersales_confirmation="是", mileage_km="250000"),
    ]
    vins = [r[IMPORT_COLUMNS.index("vin")] for r in rows]
    with transaction.atomic():
        for values in rows:
            data = dict(zip(IMPORT_COLUMNS, values, strict=True))
            data["has_aftersales_confirmation"] = data["has_aftersales_confirmation"] == "是"
            form = VehicleForm(data=data)
            assert form.is_valid(), form.errors
            fields = {k: v for k, v in form.cleaned_data.items() if k != "confirm_vin_check"}
            register_vehicle(fields, actor=pilot_user, today=TODAY, confirm_vin_check=data["confirm_vin_check"] == "是")
        one_by_one = _snapshot(vins)
        transaction.set_rollback(True)
    assert Vehicle.objects.filter(vin__in=vins).count() == 0

    job = run_import(_job(pilot_user, "cars.xlsx", xlsx_bytes(HEADERS, rows)).pk, today=TODAY)
    assert job.status == ImportStatus.DONE and job.imported_count == 3
    bulk = _snapshot(vins)
    assert bulk == one_by_one
    vehicles, audit, _events = bulk
    assert vehicles[imported]["vin_check_confirmed_by_id"] == pilot_user.pk
    assert len(audit) == 3


@pytest.mark.django_db
def test_an_import_costs_the_same_number_of_queries_for_30_rows_as_for_3(pilot_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm_up = xlsx_bytes(HEADERS, [_row(new_vin())])  # fills Django's content-type cache
    assert run_import(_job(pilot_user, "one.xlsx", warm_up).pk, today=TODAY).imported_count == 1
    small = xlsx_bytes(HEADERS, [_row(new_vin()) for _ in range(3)])
    with CaptureQueriesContext(connection) as ctx:
        assert run_import(_job(pilot_user, "small.xlsx", small).pk, today=TODAY).imported_count == 3
    large = xlsx_bytes(HEADERS, [_row(new_vin()) for _ in range(30)])
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert run_import(_job(pilot_user, "large.xlsx", large).pk, today=TODAY).imported_count == 30

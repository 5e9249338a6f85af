"""Issue 20 point 6: the XLSX import takes the portal's own words ("小微型非营运载客汽车") as well as the codes,
and its template has drop-downs on the coded columns and a second sheet 代码表 listing code and label."""

import io

import pytest
from openpyxl import load_workbook

from portal.exports import xlsx_bytes
from traceability.forms import IMPORT_COLUMNS, import_header
from traceability.imports import CODE_SHEET, run_import
from traceability.models import ImportStatus, PreviousUse, Vehicle, VehicleImport, VehicleType
from traceability.tests.helpers import TODAY, new_vin

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    return xlsx_bytes([import_header(c) for c in IMPORT_COLUMNS], rows, sheet_title="vehicles")


def _row(vin, **extra):
    values = {"vin": vin, "plate_number": "晋A1", "brand": "大众", "model": "速腾",
              "vehicle_type": "小微型非营运载客汽车", "registration_date": "2019-05-20", "manufacture_date": "",
              "mileage_km": "1000", "previous_use": "营运与非营运之间变更过", "commercial_vehicle_type": "租赁载客汽车",
              "has_aftersales_confirmation": "否", "confirm_vin_check": "否"}
    values.update(extra)
    return [values[c] for c in IMPORT_COLUMNS]


def test_an_import_in_chinese_labels_is_accepted(pilot_user):
    in_words, in_codes = new_vin(), new_vin()
    rows = [_row(in_words), _row(in_codes, vehicle_type="noncommercial_passenger_small", previous_use="noncommercial",
                                 commercial_vehicle_type="")]
    job = VehicleImport.objects.create(enterprise=pilot_user.organisation, created_by=pilot_user,
                                       filename="cars.xlsx", content=_xlsx(rows))
    job = run_import(job.pk, today=TODAY)
    assert job.status == ImportStatus.DONE, job.errors
    vehicle = Vehicle.objects.get(vin=in_words)
    assert vehicle.vehicle_type == VehicleType.NONCOMMERCIAL_PASSENGER_SMALL
    assert vehicle.previous_use == PreviousUse.CHANGED
    assert vehicle.commercial_vehicle_type == VehicleType.RENTAL_PASSENGER
    assert Vehicle.objects.get(vin=in_codes).vehicle_type == VehicleType.NONCOMMERCIAL_PASSENGER_SMALL


def test_a_label_that_is_no_choice_is_refused_naming_row_and_field(pilot_user):
    job = VehicleImport.objects.create(enterprise=pilot_user.organisation, created_by=pilot_user, filename="cars.xlsx",
                                       content=_xlsx([_row(new_vin(), vehicle_type="火箭")]))
    job = run_import(job.pk, today=TODAY)
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["field"]) for e in job.errors] == [(2, "vehicle_type")]


def test_the_template_has_drop_downs_and_a_code_list_sheet(client, pilot_user):
    client.force_login(pilot_user)
    response = client.get("/vehicles/import/template.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, codes = workbook.worksheets[0], workbook[CODE_SHEET]
    assert workbook.sheetnames == ["vehicles", CODE_SHEET]
    listed = {(row[1], row[2]) for row in codes.iter_rows(min_row=2, values_only=True)}
    assert ("noncommercial_passenger_small", "小微型非营运载客汽车") in listed
    assert ("changed", "营运与非营运之间变更过") in listed
    assert len([r for r in listed if r[0] in VehicleType.values]) == len(VehicleType.values)
    validations = {str(v.sqref).split(":")[0][:-1]: v for v in sheet.data_validations.dataValidation}
    letter = {name: sheet.cell(row=1, column=i).column_letter for i, name in enumerate(IMPORT_COLUMNS, start=1)}
    for name in ("vehicle_type", "previous_use", "commercial_vehicle_type", "has_aftersales_confirmation"):
        assert validations[letter[name]].type == "list", name
    assert CODE_SHEET in validations[letter["vehicle_type"]].formula1
    assert sheet.cell(row=2, column=IMPORT_COLUMNS.index("vehicle_type") + 1).value == "小微型非营运载客汽车"
    # the template itself, filled in as offered, imports
    sheet.cell(row=2, column=1).value = new_vin()
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = VehicleImport.objects.create(enterprise=pilot_user.organisation, created_by=pilot_user,
                                       filename="template.xlsx", content=buffer.getvalue())
    assert run_import(job.pk, today=TODAY).status == ImportStatus.DONE

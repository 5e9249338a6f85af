"""实施方案五(三), 货物出口许可证管理办法 (一批一证): the licence figures of the statistics page, the
XLSX export and the quarterly PDF count licences, not the vehicles they list — each checked against
an independent query of the same period."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.pdf import pdf_text
from traceability.models import Licence, LicenceStatus, LicenceVehicle

from .helpers import make_licence, make_vehicle

pytestmark = pytest.mark.django_db
Q3 = (date(2026, 7, 1), date(2026, 9, 30))


@pytest.fixture
def two_licences_three_vehicles(pilot, pilot_staff):
    batch = make_licence(pilot, pilot_staff, issued_on=date(2026, 7, 5), status=LicenceStatus.USED,
                         used_on=date(2026, 7, 20))
    single = make_licence(pilot, pilot_staff, issued_on=date(2026, 8, 5))
    for licence, n in ((batch, 2), (single, 1)):
        for _ in range(n):
            LicenceVehicle.objects.create(licence=licence, vehicle=make_vehicle(pilot, pilot_staff))


def _independent():
    issued = Licence.objects.filter(issued_on__range=Q3)
    return {"issued": issued.count(), "used": issued.filter(used_on__isnull=False).count(),
            "vehicles": LicenceVehicle.objects.filter(licence__in=issued).count()}


def _licence_rows(rows):
    return {str(r[0]): r[1] for r in rows if r and r[0] is not None}


def test_the_page_the_xlsx_and_the_pdf_count_each_licence_once_实施方案五三(
        client, bureau_officer, two_licences_three_vehicles):
    expected = _independent()
    assert expected == {"issued": 2, "used": 1, "vehicles": 3}
    client.force_login(bureau_officer)
    xlsx = client.get("/supervision/statistics/export/?table=licences&format=xlsx&quarter=2026-Q3")
    rows = _licence_rows(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert (rows["签发"], rows["已使用"], rows["许可证列明车辆"]) == (
        expected["issued"], expected["used"], expected["vehicles"])
    page = client.get("/supervision/statistics/?quarter=2026-Q3").context["report"].licences
    assert (page["issued"], page["used"], page["vehicles"], page["use_rate"]) == (2, 1, 3, 50.0)
    pdf = "".join(pdf_text(client.get("/supervision/statistics/quarterly-report/?quarter=2026-Q3").content).split())
    assert "签发2" in pdf and "签发3" not in pdf

"""Issue 20 point 7: the audit log names people (not usernames), shows words (not codes), is searched by
person, object type, action and date range, and exports the filtered entries; bounded queries."""

import csv
import io
from datetime import timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.utils import timezone
from openpyxl import load_workbook

from portal.models import Organisation
from portal.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(bureau_officer):
    bureau_officer.last_name, bureau_officer.first_name = "张", "经办"
    bureau_officer.save()
    other = make_user(Role.BUREAU_HEAD, last_name="李", first_name="负责")
    with set_actor(bureau_officer):
        org = Organisation.objects.create(name="审计甲公司", kind="enterprise", uscc="91140105MA0000001X")
        org.address = "太原市小店区"
        org.save()
    with set_actor(other):
        Organisation.objects.create(name="审计乙公司", kind="police")
    return org


def test_the_log_names_the_person_and_filters_by_person(client, bureau_officer, entries):
    client.force_login(bureau_officer)
    html = client.get("/audit/", {"person": "张经办"[:1]}).content.decode()
    assert "张经办" in html and "审计甲公司" in html
    assert "审计乙公司" not in html
    assert f">{bureau_officer.username}<" not in html, "the name, not the username"


def test_filters_by_object_type_action_and_date_range(client, auditor, entries):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(auditor)
    org_type = ContentType.objects.get_for_model(Organisation)
    today = timezone.localdate()
    html = client.get("/audit/", {"object_type": org_type.pk, "action": LogEntry.Action.UPDATE}).content.decode()
    assert "审计甲公司" in html and "审计乙公司" not in html
    assert "太原市小店区" in html
    assert ">修改记录</td>" in html and ">update<" not in html, "the action in words"
    recent = client.get("/audit/", {"q": "审计甲", "date_from": today.isoformat(),
                                    "date_to": today.isoformat()}).content.decode()
    assert "共 2 条记录" in recent, "created and changed today"
    earlier = client.get("/audit/", {"q": "审计甲", "date_to": (today - timedelta(days=1)).isoformat()}).content.decode()
    assert "共 0 条记录" in earlier and "审计甲公司" not in earlier


def test_a_reversed_date_range_is_refused_in_words(client, auditor):
    client.force_login(auditor)
    html = client.get("/audit/", {"date_from": "2026-05-02", "date_to": "2026-05-01"}).content.decode()
    assert "截止日期不能早于起始日期" in html


def test_the_filtered_entries_export_as_xlsx_and_csv(client, bureau_officer, entries):
    client.force_login(bureau_officer)
    xlsx = client.get("/audit/", {"person": "张", "export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "操作人", "用户名", "操作")
    assert {r[1] for r in rows[1:]} == {"张经办"}
    assert any("审计甲公司" == r[5] for r in rows[1:])
    text = client.get("/audit/", {"person": "李", "export": "csv"}).content.decode("utf-8-sig")
    body = list(csv.reader(io.StringIO(text)))
    assert {r[1] for r in body[1:]} == {"李负责"} and any("审计乙公司" in r[5] for r in body[1:])


def test_the_log_page_reads_in_bounded_queries(client, auditor, entries, django_assert_max_num_queries):
    for n in range(30):
        Organisation.objects.create(name=f"批量机构{n}", kind="police")
    client.force_login(auditor)
    with django_assert_max_num_queries(15):
        assert client.get("/audit/").status_code == 200

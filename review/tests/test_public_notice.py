"""Issue 20 point 8: the 公示 page as an official notice; objections numbered GS+year+serial and followed
in public by their number (status and answer, never the objector's details)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from portal.official import authority, chinese_date
from review import services
from review.models import Objection, Publicity

from .test_designation import published  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _open(publicity):
    now = timezone.localdate()
    Publicity.objects.filter(pk=publicity.pk).update(starts_on=now - timedelta(days=1), ends_on=now + timedelta(days=9))
    publicity.refresh_from_db()
    return now


def test_the_publicity_page_reads_as_an_official_notice(client, published):  # noqa: F811
    review_round, entries, publicity = published
    page = client.get("/review/publicity/").content.decode()
    assert publicity.title in page
    assert "公示期：2026-09-28 至 2026-10-12" in page or chinese_date(publicity.starts_on) in page
    assert chinese_date(publicity.ends_on) in page and "5 个工作日" in page
    assert "准入条件" in page and "评审过程" in page and "实名" in page and "证据" in page
    assert settings.PORTAL["CONTACT_PHONE"] in page and settings.PORTAL["CONTACT_ADDRESS"] in page
    assert settings.PORTAL["CONTACT_OFFICE"] in page
    assert authority() in page
    assert chinese_date(publicity.approved_on) in page  # 成文日期: the day the head approved it
    assert "/review/publicity/objections/" in page  # the way to follow an objection


def test_objections_are_numbered_gs_year_serial_across_publicities(client, published):  # noqa: F811
    review_round, entries, publicity = published
    now = _open(publicity)
    first = services.lodge_objection(publicity, content="异议一", contact_name="李四", contact_email="a@b.cn",
                                     today=now)
    second = services.lodge_objection(publicity, content="异议二", contact_name="王五", contact_phone="13900000000",
                                      today=now)
    assert first.number == f"GS{now.year}0001" and second.number == f"GS{now.year}0002"
    assert (second.year, second.serial) == (now.year, 2)


def test_the_objector_sees_the_number_and_anyone_can_follow_it_without_personal_data(client, bureau_officer,
                                                                                     published):  # noqa: F811
    review_round, entries, publicity = published
    now = _open(publicity)
    response = client.post(f"/review/publicity/{publicity.pk}/objection/", {
        "entry": str(entries[0].pk), "content": "该企业近两年有违规行为，附处罚决定书。", "contact_name": "张三",
        "contact_phone": "13800000000", "contact_email": ""}, follow=True)
    objection = Objection.objects.get()
    page = response.content.decode()
    assert objection.number == f"GS{now.year}0001" and objection.number in page
    status = client.get("/review/publicity/objections/", {"number": objection.number}).content.decode()
    assert "已受理" in status and objection.number in status and publicity.title in status
    assert "张三" not in status and "13800000000" not in status and "违规行为" not in status
    services.answer_objection(objection, answer="经核查，异议不成立。", actor=bureau_officer,
                              today=publicity.ends_on + timedelta(days=3))
    status = client.get("/review/publicity/objections/", {"number": objection.number.lower()}).content.decode()
    assert "已答复" in status and "经核查，异议不成立。" in status and "张三" not in status
    missing = client.get("/review/publicity/objections/", {"number": "GS19990001"})
    assert missing.status_code == 200 and "未找到该异议编号" in missing.content.decode()

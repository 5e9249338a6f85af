"""Issue 20 point 1: people read words, not codes. The vehicle file, the dossier PDF, an expert's score
sheet, the application checklist and the obligations page, rendered for the demo data, show no field
code, coded value or rule code as text (the codes stay in the API, api.md)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from applications import services as application_services
from applications.tests.helpers import draft_for
from compliance.models import RuleCode
from portal.models import User
from portal.pdf import pdf_text
from portal.roles import Role
from review.rules import Criterion
from review.tests.factories import full_marks_but, round_with, submit
from traceability import demo
from traceability.events import EVENT_FIELDS, SYSTEM_FIELDS
from traceability.models import InspectionConclusion, Vehicle
from traceability.rules import make_vin
from traceability.services import append_event, register_vehicle

pytestmark = pytest.mark.django_db

EVENT_FIELD_CODES = sorted({spec.name for specs in (*EVENT_FIELDS.values(), SYSTEM_FIELDS) for spec in specs} | {"note"})
CODED_VALUES = [*InspectionConclusion.values, "True", "False", "KZ"]


class _Text(HTMLParser):
    """The text a person reads: no tags, attributes, scripts or styles (a class name is not shown)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(response) -> str:
    assert response.status_code == 200, response.status_code
    parser = _Text()
    parser.feed(response.content.decode())
    return " ".join(parser.parts)


def codes_in(text: str, codes) -> list[str]:
    """The codes standing as words in `text` (not inside a longer word such as a VIN or "password")."""
    return [code for code in codes if re.search(rf"(?<![A-Za-z0-9_.]){re.escape(code)}(?![A-Za-z0-9_])", text)]


@pytest.fixture
def seeded(db):
    call_command("seed_demo", verbosity=0)
    return {user.username: user for user in User.objects.filter(username__endswith="_demo")}


@pytest.fixture
def assembled_vehicle(seeded, db):
    """A car whose inspection recorded assembled = false and a note: coded values beyond the demo's."""
    today = timezone.localdate()
    pilot, inspector = seeded["pilot_demo"], seeded["inspector_demo"]
    vehicle = register_vehicle({"vin": make_vin("LSVAU218", "N2000017"), "brand": "大众", "model": "朗逸", "mileage_km": 1000,
                                "vehicle_type": "noncommercial_passenger_small",
                                "registration_date": today.replace(year=today.year - 3)}, actor=pilot, today=today)
    append_event(vehicle, "inspection", {"report_number": "JJ-9", "conclusion": "fail", "mileage_km": 1000,
                                         "qualification_number": inspector.organisation.certificate_number,
                                         "assembled": False, "note": "外观良好"},
                 actor=inspector, occurred_on=today, today=today)
    append_event(vehicle, "aftersales", {"description": "更换刹车片", "country": "UZ"}, actor=pilot,
                 occurred_on=today, today=today)
    return vehicle


def test_the_vehicle_file_shows_each_field_and_value_in_words(client, seeded, assembled_vehicle):
    client.force_login(seeded["pilot_demo"])
    exported = visible_text(client.get(f"/vehicles/{demo.EXPORTED_VIN}/"))
    assert not codes_in(exported, [*EVENT_FIELD_CODES, *CODED_VALUES]), codes_in(exported, EVENT_FIELD_CODES)
    assert "卖方名称" in exported and "检测结论" in exported and "合格" in exported and "哈萨克斯坦" in exported
    own = visible_text(client.get(f"/vehicles/{assembled_vehicle.vin}/"))
    assert not codes_in(own, [*EVENT_FIELD_CODES, *CODED_VALUES]), codes_in(own, [*EVENT_FIELD_CODES, *CODED_VALUES])
    assert "检出拼装" in own and "否" in own and "不合格" in own and "乌兹别克斯坦" in own and "外观良好" in own


def test_the_dossier_pdf_shows_each_field_and_value_in_words(client, seeded, assembled_vehicle):
    client.force_login(seeded["pilot_demo"])
    for vin in (demo.EXPORTED_VIN, assembled_vehicle.vin):
        response = client.get(f"/vehicles/{vin}/dossier.pdf")
        assert response.status_code == 200
        text = pdf_text(response.content)
        assert not codes_in(text, [*EVENT_FIELD_CODES, *CODED_VALUES]), codes_in(text, [*EVENT_FIELD_CODES, *CODED_VALUES])
    assert "检出拼装：否" in text.replace("\n", "") and "检测结论：不合格" in text.replace("\n", "")


def test_an_expert_sheet_names_each_criterion(client, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    submit(entry, panel[0], full_marks_but(review_round, basic_conditions="14.0"))
    client.force_login(panel[0])
    text = visible_text(client.get(f"/review/entries/{entry.pk}/"))
    assert not codes_in(text, Criterion.values), codes_in(text, Criterion.values)
    assert f"{Criterion.BASIC_CONDITIONS.label}：14" in text


def test_the_application_checklist_names_no_check_code(client, enterprise_user):
    application = draft_for(enterprise_user, registered_district="140121")
    codes = [check.code for check in application_services.submission_checklist(application)]
    client.force_login(enterprise_user)
    text = visible_text(client.get(f"/applications/{application.pk}/"))
    assert "registered_in_taiyuan" in codes
    assert not codes_in(text, codes), codes_in(text, codes)


def test_the_obligations_pages_name_no_rule_code(client, seeded):
    client.force_login(seeded["pilot_demo"])
    enterprise = visible_text(client.get("/compliance/"))
    client.force_login(seeded["bureau_demo"])
    bureau = visible_text(client.get("/compliance/obligations/"))
    assert "确定试点后6个月内开展出口" in enterprise + bureau
    assert not codes_in(enterprise + bureau, RuleCode.values), codes_in(enterprise + bureau, RuleCode.values)


def test_a_refusal_message_cites_a_real_article_and_never_a_code(client, seeded):
    """The same official prepares and issues: the message names no 'api.md' and no 'same_official'."""
    from traceability.models import Licence
    from traceability.services import apply_for_licence, issue_licence

    today = timezone.localdate()
    licence = apply_for_licence([demo.READY_VIN], "KZ", actor=seeded["pilot_demo"], today=today)
    officer = seeded["bureau_demo"]
    issue_licence(licence, actor=officer, today=today)
    officer.groups.add(Group.objects.get(name=Role.BUREAU_HEAD))  # the same person now also heads the office
    client.force_login(officer)
    page = client.post(f"/vehicles/licences/{licence.pk}/issue/", follow=True)
    text = visible_text(page)
    assert Licence.objects.get(pk=licence.pk).status == "prepared"
    assert "拟办人与签发人不能为同一人" in text
    assert not codes_in(text, ["api.md", "same_official"]), text
    assert Vehicle.objects.filter(vin=demo.READY_VIN).exists()

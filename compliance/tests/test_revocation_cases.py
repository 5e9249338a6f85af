"""办法第十二条: revocation cases — notice, answer period in working days, head's decision, PDF, publication."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from compliance.models import CaseStatus, RevocationGround
from compliance.services import answer_case, decide_case, open_revocation_case, publish_case
from compliance.tests.helpers import decide_through_casework
from portal.errors import RuleRefused
from portal.models import PilotStatus
from portal.pdf import pdf_text
from portal.services import enterprises_in_good_standing
from portal.workdays import fill_from_chinesecalendar


def decide(case, officer, head, today, *, revoke=True, facts="严重失信", reply="不予采纳"):
    case.refresh_from_db()
    decide_through_casework("revocation", case, "revocation", officer=officer, head=head, today=today, facts=facts,
                            revoke=revoke, statement_reply=reply if (case.answer or "").strip() else "")
    case.refresh_from_db()
    return case


@pytest.fixture
def case(pilot, bureau_officer):
    fill_from_chinesecalendar([2026])
    return open_revocation_case(pilot, RevocationGround.SERIOUS_DISHONESTY, actor=bureau_officer,
                                today=date(2026, 9, 25), reason="信用中国显示为严重失信主体")


OPEN_ANY_DAY = [g for g in RevocationGround if g not in (RevocationGround.NO_EXPORT_12M,
                                                         RevocationGround.RECTIFICATION_OVERDUE)]


@pytest.mark.parametrize("ground", OPEN_ANY_DAY)
def test_article_12_a_case_can_be_opened_on_each_ground_but_items_2_and_6_any_day(pilot, bureau_officer, ground):
    case = open_revocation_case(pilot, ground, actor=bureau_officer, today=date(2026, 3, 2), reason="事实")
    assert (case.ground, case.status) == (ground, CaseStatus.NOTIFIED)


def test_article_12_the_answer_period_counts_5_working_days_over_national_day(case, pilot):
    # Notice on Fri 2026-09-25: the period starts on Mon 09-28 and ends on Fri 10-09.
    assert case.answer_due_on == date(2026, 10, 9)
    assert pilot.user.notifications.filter(code="compliance.case_opened").count() == 1


def test_article_12_a_second_case_on_the_same_open_ground_is_the_same_case(case, pilot, bureau_officer):
    again = open_revocation_case(pilot, case.ground, actor=bureau_officer, today=date(2026, 9, 26), reason="again")
    assert again.pk == case.pk


def test_article_12_the_decision_is_prepared_only_after_the_answer_or_the_period(case, pilot, head, bureau_officer):
    from casework.decisions import prepare_decision

    with pytest.raises(RuleRefused) as refused:
        prepare_decision("revocation", case.pk, "revocation", actor=bureau_officer, today=date(2026, 10, 9),
                         facts="严重失信", revoke=True)
    assert refused.value.reasons[0].code == "answer_period_open"
    with pytest.raises(PermissionDenied):
        decide_case(case, decision=None, actor=bureau_officer, today=date(2026, 10, 12))
    answer_case(case, actor=pilot.user, today=date(2026, 10, 9), answer="已申请信用修复")
    case = decide(case, bureau_officer, head, date(2026, 10, 10), facts="信用修复未完成")
    assert case.status == CaseStatus.REVOKED


def test_article_12_a_late_answer_is_refused(case, pilot):
    with pytest.raises(RuleRefused) as refused:
        answer_case(case, actor=pilot.user, today=date(2026, 10, 10), answer="晚了")
    assert refused.value.reasons[0].code == "answer_period_over"


def test_article_12_revocation_makes_the_enterprise_revoked_and_no_longer_in_good_standing(case, pilot, head,
                                                                                         bureau_officer):
    decide(case, bureau_officer, head, date(2026, 10, 12), facts="严重失信，期限内未陈述申辩")
    pilot.refresh_from_db()
    assert pilot.pilot_status == PilotStatus.REVOKED
    # The licence service refuses enterprises not in good standing (not_in_good_standing, 办法第十二条).
    assert not pilot.in_good_standing
    assert pilot not in enterprises_in_good_standing()


def test_article_12_the_decision_letter_is_the_signed_letter_naming_the_ground_facts_and_rights(
        case, pilot, head, bureau_officer, client):
    case = decide(case, bureau_officer, head, date(2026, 10, 12), facts="严重失信，期限内未陈述申辩")
    client.force_login(pilot.user)
    response = client.get(f"/compliance/cases/{case.pk}/letter.pdf", follow=True)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(pdf_text(response.content).split())
    assert "取消试点资格案件决定书" in text
    assert "第十二条第3项" in text and "严重失信" in text and case.decision_number in text
    assert "行政复议" in text and "行政诉讼" in text


def test_article_12_a_published_revocation_is_on_the_public_page_and_in_the_mofcom_report(case, pilot, head,
                                                                                        bureau_officer, client):
    case = decide(case, bureau_officer, head, date(2026, 10, 12))
    assert pilot.name not in client.get("/compliance/revocations/").content.decode()
    publish_case(case, actor=bureau_officer, today=date(2026, 10, 13))
    page = client.get("/compliance/revocations/").content.decode()
    assert pilot.name in page and case.decision_number in page
    client.force_login(bureau_officer)
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(client.get("/compliance/mofcom-report.xlsx").content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [pilot.name, pilot.uscc, "取消试点资格", "办法第十二条第3项"] == rows[1][:4]


def test_article_12_a_dismissed_case_cannot_be_published(case, head, bureau_officer):
    case = decide(case, bureau_officer, head, date(2026, 10, 12), revoke=False, facts="已完成信用修复")
    with pytest.raises(RuleRefused):
        publish_case(case, actor=bureau_officer, today=date(2026, 10, 13))

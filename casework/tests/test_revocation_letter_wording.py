"""domain-rules v1.1 "Adverse decisions" (办法第十二条): the revocation letter states the facts once,
the enterprise's statement (陈述、申辩) and the answer to it, and names officials as people write
them (family name first: 张经办)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casework.decisions import authorise_decision, prepare_decision
from casework.models import CaseKind, LetterKind
from compliance.services import answer_case, open_revocation_case
from compliance.tests.factories import no_export_window_overdue
from portal.pdf import pdf_text
from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user

pytestmark = pytest.mark.django_db
OPENED = date(2026, 10, 9)


def _flat(pdf) -> str:
    return "".join(pdf_text(bytes(pdf)).split())


@pytest.fixture
def answered_case(bureau_officer):
    pilot = PilotEnterpriseFactory()
    staff = make_user(Role.ENTERPRISE_USER, organisation=pilot)
    no_export_window_overdue(pilot, OPENED)  # 第十二条第2项 opens only after such a window (v1.1)
    case = open_revocation_case(pilot, "no_export_12m", actor=bureau_officer, today=OPENED, reason="12个月未出口")
    return answer_case(case, actor=staff, today=date(2026, 10, 12), answer="受国际物流影响，已签订新合同。")


def test_the_revocation_letter_says_经查_once_and_states_the_statement_and_the_answer_办法第十二条(
        answered_case, bureau_officer, bureau_head):
    bureau_officer.last_name, bureau_officer.first_name = "张", "经办"
    bureau_officer.save()
    decision = prepare_decision(CaseKind.REVOCATION, answered_case.pk, LetterKind.REVOCATION, actor=bureau_officer,
                                today=date(2026, 10, 20), facts="经查，你单位自2025年3月1日起12个月内无出口。",
                                revoke=True, statement_reply="所述物流原因不能免除第十二条第2项的责任。")
    authorise_decision(decision, actor=bureau_head, today=date(2026, 10, 20))
    decision.refresh_from_db()
    text = _flat(decision.letter.pdf)
    assert "经查，经查" not in text and text.count("经查，你单位自2025年3月1日") == 1
    assert "受国际物流影响，已签订新合同。" in text
    assert "所述物流原因不能免除第十二条第2项的责任。" in text
    assert "拟办：张经办" in text and "经办张" not in text


def test_a_revocation_after_a_statement_needs_the_answer_to_it_办法第十二条(answered_case, bureau_officer):
    with pytest.raises(ValidationError) as refused:
        prepare_decision(CaseKind.REVOCATION, answered_case.pk, LetterKind.REVOCATION, actor=bureau_officer,
                         today=date(2026, 10, 20), facts="12个月内无出口。", revoke=True)
    assert "statement_reply" in refused.value.message_dict


def test_officials_names_read_family_name_first():
    user = make_user(Role.BUREAU_OFFICER, last_name="张", first_name="经办")
    assert user.get_full_name() == user.display_name == "张经办"

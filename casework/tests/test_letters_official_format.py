"""Issue 20: decision letters in the official format of GB/T 9704-2012 — the authority in red, the letter's
own number (发文字号), 签发人 written surname first, the title, the enterprise as 主送, the date in Chinese under
the seal, the 版记 — and the digital signature (pyHanko) still verifies over all of it."""

from datetime import date

import pytest

from casework import signing
from casework.decisions import authorise_decision, prepare_decision
from casework.models import CaseKind, LetterKind
from tests.official_pdf import assert_official

from .helpers import requested_licence

pytestmark = pytest.mark.django_db
DAY = date(2026, 6, 16)


@pytest.mark.parametrize("kind, title", [(LetterKind.REFUSAL, "不予签发出口许可证决定书"),
                                         (LetterKind.LICENCE, "准予签发出口许可证决定书")])
def test_a_decision_letter_is_an_official_document_and_stays_signed(pilot_user, bureau_officer, bureau_head,
                                                                   kind, title):
    bureau_officer.last_name, bureau_officer.first_name = "张", "经办"
    bureau_officer.save()
    bureau_head.last_name, bureau_head.first_name = "李", "局长"
    bureau_head.save()
    licence = requested_licence(pilot_user)
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, kind, actor=bureau_officer, today=DAY,
                                facts="材料齐全。" if kind == LetterKind.LICENCE else "不符合条件。")
    authorise_decision(decision, actor=bureau_head, today=DAY)
    decision.refresh_from_db()
    letter = decision.letter
    pdf = bytes(letter.pdf)
    text = assert_official(pdf, f"casework-letter-{kind}", title=title, number=letter.number, day=DAY,
                           more=(f"{decision.enterprise.name}：", "签发人：李局长", "拟办：张经办", "印发"))
    assert text.count(f"{decision.enterprise.name}：") == 1, "the 主送 once, not again as the first paragraph"
    check = signing.verify_pdf(pdf)
    assert check.valid and check.intact

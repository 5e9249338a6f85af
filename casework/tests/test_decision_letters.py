"""Decision letters (issue 13 point 4): from a versioned template, stating the article and item,
陈述、申辩、听证, and the last dates of 行政复议 (60 days) and 行政诉讼 (6 months); regenerating
keeps the dates."""

from datetime import date

import pytest
from django.db import DatabaseError, transaction

from casework import letters, rules
from casework.decisions import authorise_decision, prepare_decision
from casework.models import CaseKind, LetterKind, LetterTemplate
from portal.pdf import pdf_text

from .helpers import requested_licence

pytestmark = pytest.mark.django_db
ISSUED_ON = date(2026, 3, 2)


def _refusal_letter(pilot_user, bureau_officer, bureau_head, today=ISSUED_ON):
    licence = requested_licence(pilot_user, today=date(2026, 3, 1))
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=today,
                                facts="所列车辆未取得合格检测报告。", item="第（二）项")
    authorise_decision(decision, actor=bureau_head, today=today)
    decision.refresh_from_db()
    return decision.letter, licence


def test_reconsideration_is_60_days_and_litigation_6_months_after_issue_行政复议法第二十条():
    # 60 days fall on 2026-05-01, in the Labour Day holiday: the period ends on 05-06 (api.md 期间).
    assert rules.letter_deadlines(date(2026, 3, 2)) == (date(2026, 5, 6), date(2026, 9, 2))


def test_litigation_from_a_month_end_ends_on_the_last_day_of_the_sixth_month_行政诉讼法第四十六条():
    assert rules.letter_deadlines(date(2025, 8, 31)) == (date(2025, 10, 30), date(2026, 2, 28))


def test_the_letter_states_article_item_rights_routes_and_dates(pilot_user, bureau_officer, bureau_head):
    letter, licence = _refusal_letter(pilot_user, bureau_officer, bureau_head)
    assert (letter.issued_on, letter.reconsideration_until, letter.litigation_until) == (
        ISSUED_ON, date(2026, 5, 6), date(2026, 9, 2))
    text = pdf_text(bytes(letter.pdf)).replace("\n", "").replace(" ", "")
    for phrase in ("不予签发出口许可证决定书", letter.number, "第七条第（二）项", "行政复议",
                   "行政诉讼", "2026-05-06", "2026-09-02", "太原市人民政府", pilot_user.organisation.name):
        assert phrase.replace(" ", "") in text, phrase
    # domain-rules v1.1: the decision letter states the routes; 陈述、申辩 and 听证 come before the decision.
    assert "听证" not in text
    assert letter.template_version == 2 and "第2版" in text


def test_a_new_template_version_serves_new_letters_and_old_letters_keep_theirs(pilot_user, bureau_officer, bureau_head):
    first, _licence = _refusal_letter(pilot_user, bureau_officer, bureau_head)
    current = LetterTemplate.objects.filter(kind=LetterKind.REFUSAL).order_by("-version").first()
    LetterTemplate.objects.create(kind=LetterKind.REFUSAL, version=current.version + 1,
                                  title="不予签发出口许可证决定书（2026年修订）", body=current.body)
    second, _licence = _refusal_letter(pilot_user, bureau_officer, bureau_head, today=date(2026, 3, 3))
    assert (first.template_version, second.template_version) == (current.version, current.version + 1)
    assert "2026年修订" in pdf_text(bytes(second.pdf))
    assert "2026年修订" not in pdf_text(bytes(letters.regenerate_letter(first, _licence, actor=bureau_head).pdf))


def test_regenerating_a_letter_keeps_its_number_and_dates(pilot_user, bureau_officer, bureau_head):
    letter, licence = _refusal_letter(pilot_user, bureau_officer, bureau_head)
    again = letters.regenerate_letter(letter, licence, actor=bureau_head)
    assert again.generation == 2
    assert (again.number, again.issued_on, again.reconsideration_until, again.litigation_until) == (
        letter.number, letter.issued_on, letter.reconsideration_until, letter.litigation_until)
    assert "2026-09-02" in pdf_text(bytes(again.pdf))


def test_templates_and_issued_letters_are_append_only_in_the_database(pilot_user, bureau_officer, bureau_head):
    letter, _licence = _refusal_letter(pilot_user, bureau_officer, bureau_head)
    from casework.models import DecisionLetter

    with pytest.raises(DatabaseError), transaction.atomic():
        LetterTemplate.objects.filter(kind=LetterKind.REFUSAL).update(body="改写")
    with pytest.raises(DatabaseError), transaction.atomic():
        DecisionLetter.objects.filter(pk=letter.pk).update(litigation_until=date(2030, 1, 1))

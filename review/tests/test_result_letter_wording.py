"""办法第五条 (公示 and objections): the result letter states the 公示 outcome the record shows —
无异议 only when no objection was lodged, else that the objections were answered."""

import pytest

from portal.pdf import pdf_text
from review import services

from .test_designation import AFTER, DURING, _flat, published  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _letter(client, user, entry):
    client.force_login(user)
    return _flat(pdf_text(client.get(f"/review/entries/{entry.pk}/letter.pdf").content))


def test_the_letter_says_no_objection_only_when_none_was_lodged_办法第五条(client, bureau_head, published):  # noqa: F811
    review_round, entries, publicity = published
    services.designate(review_round, actor=bureau_head, today=AFTER)
    assert "经公示无异议" in _letter(client, bureau_head, entries[0])


def test_an_answered_objection_is_stated_not_hidden_behind_no_objection_办法第五条(
        client, bureau_officer, bureau_head, published):  # noqa: F811
    review_round, entries, publicity = published
    objection = services.lodge_objection(publicity, content="异议", contact_name="李四", contact_email="a@b.cn",
                                         entry=entries[0], today=DURING)
    services.answer_objection(objection, answer="经核查，异议不成立。", actor=bureau_officer, today=AFTER)
    services.designate(review_round, actor=bureau_head, today=AFTER)
    text = _letter(client, bureau_head, entries[0])
    assert "无异议" not in text
    assert "公示期间收到异议1件，均已答复" in text

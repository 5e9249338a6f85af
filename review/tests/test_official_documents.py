"""Issue 20: the review's documents in the official format (GB/T 9704-2012) — the result letter and the
filing list with 版头, 发文字号, 签发人, the date in Chinese and the seal; the score summary in landscape with a
signature line per panel member, and its spreadsheet with the scores as numbers."""

import io

import pytest
from openpyxl import load_workbook

from review import services
from tests.official_pdf import assert_official, page_sizes

from .factories import TODAY, full_marks_but, round_with, submit
from .test_designation import AFTER, published  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_result_letters_and_the_filing_list_are_official_documents(client, bureau_head, published):  # noqa: F811
    review_round, entries, _publicity = published
    bureau_head.last_name, bureau_head.first_name = "王", "签发"
    bureau_head.save()
    services.designate(review_round, actor=bureau_head, today=AFTER)
    chosen, other = entries
    client.force_login(bureau_head)
    for entry, name in ((chosen, "review-result-letter-designated"), (other, "review-result-letter-not-designated")):
        pdf = client.get(f"/review/entries/{entry.pk}/letter.pdf").content
        text = assert_official(pdf, name, title="二手车出口试点企业评审结果通知书",
                               number=f"并商务函〔2026〕{entry.pk}号", day=AFTER,
                               more=(f"{entry.application.organisation.name}：", "签发人：王签发"))
        assert "印发" in text and bureau_head.username not in text
    pdf = client.get(f"/review/rounds/{review_round.pk}/filing.pdf").content
    assert_official(pdf, "review-filing-list", title="关于二手车出口试点企业名单备案的报告",
                    number=f"并商务备〔2026〕{review_round.pk}号", day=AFTER,
                    more=("商务部：", chosen.application.organisation.uscc))


def test_the_score_summary_is_landscape_with_a_signature_line_per_member_and_numbers_in_xlsx(
        client, bureau_officer):
    review_round, panel, entries = round_with(bureau_officer, applications=2)
    for member in panel:
        submit(entries[0], member, full_marks_but(review_round, business_plan=10))
        submit(entries[1], member, full_marks_but(review_round))
    services.close_scoring(review_round, actor=bureau_officer, today=TODAY)
    client.force_login(bureau_officer)
    pdf = client.get(f"/review/rounds/{review_round.pk}/report.pdf").content
    text = assert_official(pdf, "review-score-summary", title="二手车出口试点企业评审评分汇总表",
                           number=f"并商务评〔{TODAY.year}〕{review_round.pk}号", day=TODAY,
                           more=("评审工作小组成员签字",))
    assert all(width > height for width, height in page_sizes(pdf)), "the score summary is landscape A4"
    for member in panel:
        assert member.display_name in text
    # a company name is one line, not one character per line
    assert entries[0].application.organisation.name in text

    sheet = load_workbook(io.BytesIO(client.get(f"/review/rounds/{review_round.pk}/report.xlsx").content)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == 2
    criteria = len(review_round.criteria)
    for row in rows:
        scores = row[3:3 + criteria + 1]  # each criterion and the final score
        assert all(cell.data_type == "n" and isinstance(cell.value, (int, float)) for cell in scores), \
            [(c.value, c.data_type) for c in scores]
    assert rows[0][3 + criteria].value == 100 and rows[0][3 + criteria].number_format == "#,##0.00"

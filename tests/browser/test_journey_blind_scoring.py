"""Journey 3 (办法第五条, blind sheets): three experts each declare no conflict of interest and score the
application; none sees another's sheet before submitting their own."""

import pytest

from review import services as review_services
from review.models import ScoreSheet, SheetStatus
from review.tests.factories import hold_stages

from .journeys import accepted_application, arrive, click_to, experts, flash, menu, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)

POINTS = {  # per expert: the first criterion differs, the rest full marks
    0: 14, 1: 12, 2: 13,
}


def score(page, review_round, first_points: int) -> None:
    for code, maximum in review_round.criteria.items():
        page.locator(f"#id_{code}").fill(str(maximum))
    page.locator("#id_basic_conditions").fill(str(first_points))
    page.get_by_label("评语").fill("材料完整，答辩清楚。")


def test_three_experts_declare_and_score_blind(page, enterprise_user, bureau_officer):
    application = accepted_application(enterprise_user, bureau_officer)
    review_round = review_services.create_round(name="2026年第一批", actor=bureau_officer, today=today())
    panel = experts(3)
    for member in panel:
        review_services.add_member(review_round, member, actor=bureau_officer, today=today())
    entry = review_services.add_application(review_round, application, actor=bureau_officer, today=today())
    hold_stages(entry, bureau_officer)

    for n, member in enumerate(panel):
        sign_in(page, member)
        menu(page, "专家评审")
        with page.expect_navigation():
            page.get_by_role("link", name=review_round.name).click()
        arrive(page, shot="journey-03-expert-round" if n == 0 else None)
        assert "待申报利益冲突" in page.locator("main").inner_text()
        with page.expect_navigation():
            page.get_by_role("link", name=application.reference_number).click()
        arrive(page, shot="journey-03-conflict-declaration" if n == 0 else None)
        page.get_by_label("本人与该申请企业不存在利益冲突").check()
        click_to(page, "提交申报")
        assert "利益冲突申报已记录" in flash(page)

        # Blind: before submitting, the page lists no other member's sheet.
        sheets = page.locator("table", has_text="评审专家").inner_text()
        for other in panel:
            if other != member:
                assert other.display_name not in sheets
        score(page, review_round, POINTS[n])
        page.get_by_label("我确认提交后不可修改").check()  # an irreversible step asks first (issue 18)
        click_to(page, "提交评分", shot="journey-03-expert-scored" if n == 0 else None)
        assert "评分表已提交" in flash(page)
        if n == len(panel) - 1:  # after submitting, the member sees the other submitted sheets
            sheets = page.locator("table", has_text="评审专家").inner_text()
            assert all(m.display_name in sheets for m in panel)
        sign_out(page)

    sheets = ScoreSheet.objects.filter(entry=entry, status=SheetStatus.SUBMITTED)
    assert sorted(s.member_id for s in sheets) == sorted(m.pk for m in panel)

"""办法第一条 "如有调整，将另文明确" (issue 24): the public policy page lists the version in force and every
version before it, with effective dates, basis and what changed; one query however many versions."""

from datetime import date

import pytest

from tests.policy import publish_version

pytestmark = pytest.mark.django_db


def test_the_public_page_lists_every_version_with_its_effective_date_and_basis_办法第一条(
        client, bureau_officer, bureau_head, django_assert_max_num_queries):
    publish_version(bureau_officer, bureau_head, today=date(2026, 6, 1), effective_from=date(2026, 7, 1),
                    basis="并商外贸发〔2026〕9 号", registered_capital_min="50000000")
    with django_assert_max_num_queries(6):
        page = client.get("/supervision/policy/parameters/").content.decode()
    assert "第1版" in page and "2021-01-13" in page and "并商外贸发〔2021〕2 号" in page
    assert "第2版" in page and "2026-07-01" in page and "并商外贸发〔2026〕9 号" in page
    assert "注册资本下限" in page and "30,000,000 → 50,000,000" in page
    assert "现行" in page


def test_the_policy_documents_link_to_the_parameters_page(client):
    page = client.get("/supervision/policy/management-measures/").content.decode()
    assert "/supervision/policy/parameters/" in page

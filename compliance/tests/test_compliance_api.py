"""api.md "Compliance": obligations and violations lists, filters, visibility, error codes."""

from datetime import date

import pytest

from compliance.services import run_compliance
from compliance.tests.factories import exported
from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user


@pytest.fixture
def sweep(pilot):
    other = PilotEnterpriseFactory(designated_on=date(2025, 3, 1))
    for enterprise in (pilot, other):
        exported(enterprise, date(2025, 12, 31))
    run_compliance(date(2026, 3, 1))
    return other


def test_an_enterprise_sees_only_its_own_obligations_with_the_fields_of_api_md(api, pilot, sweep):
    body = api(pilot.user).get("/api/v1/compliance/obligations/").json()
    assert {"count", "next", "previous", "results"} <= set(body)
    assert {r["enterprise"] for r in body["results"]} == {pilot.pk}
    row = next(r for r in body["results"] if r["rule"] == "deregistration_2m")
    assert {k: row[k] for k in ("rule", "article", "due_on", "status")} == {
        "rule": "deregistration_2m", "article": "办法第六条", "due_on": "2026-02-28", "status": "overdue"}
    assert row["vin"] and {"id", "enterprise", "vin"} <= set(row)


def test_the_bureau_sees_all_and_filters_by_enterprise_rule_and_status(api, bureau_officer, pilot, sweep):
    client = api(bureau_officer)
    everything = client.get("/api/v1/compliance/obligations/").json()
    assert {r["enterprise"] for r in everything["results"]} == {pilot.pk, sweep.pk}
    rows = client.get(f"/api/v1/compliance/obligations/?enterprise={pilot.uscc}&rule=deregistration_2m&status=overdue").json()
    assert rows["count"] == 1 and rows["results"][0]["enterprise"] == pilot.pk
    assert client.get("/api/v1/compliance/obligations/?status=late").status_code == 400
    assert client.get("/api/v1/compliance/obligations/?rule=nope").status_code == 400


def test_violations_carry_the_obligation_rule_enterprise_vin_and_overdue_since(api, pilot, sweep):
    rows = api(pilot.user).get("/api/v1/compliance/violations/?rule=deregistration_2m").json()["results"]
    assert len(rows) == 1
    assert {"id", "obligation", "rule", "enterprise", "vin", "overdue_since"} <= set(rows[0])
    assert rows[0]["overdue_since"] == "2026-03-01"


def test_another_enterprises_obligations_are_a_404_and_other_roles_a_403(api, pilot, sweep):
    client = api(pilot.user)
    assert client.get(f"/api/v1/compliance/obligations/?enterprise={sweep.pk}").status_code == 404
    theirs = api(make_user(Role.BUREAU_OFFICER)).get(f"/api/v1/compliance/violations/?enterprise={sweep.pk}").json()
    assert client.get(f"/api/v1/compliance/violations/{theirs['results'][0]['id']}/").status_code == 404
    assert api(make_user(Role.POLICE_OFFICER)).get("/api/v1/compliance/obligations/").status_code == 403
    assert api(None).get("/api/v1/compliance/violations/").status_code in (401, 403)


def test_the_api_lists_use_a_bounded_number_of_queries(api, bureau_officer, pilot, sweep, django_assert_max_num_queries):
    for _ in range(3):
        exported(pilot, date(2025, 12, 30))
    run_compliance(date(2026, 3, 2))
    client = api(bureau_officer)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/compliance/obligations/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/compliance/violations/").status_code == 200

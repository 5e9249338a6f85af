"""双随机、一公开 (国务院办公厅关于推广随机抽查规范事中事后监管的通知，国办发〔2015〕58号): the draw is made from a
seed published before it, so anyone can redo it from the public page's data; the test redoes it with its own
code (floating-point keys, not the service's exact integers) and finds the same enterprises and inspectors."""

import hashlib
import math
from datetime import date

import pytest

from portal.errors import RuleRefused
from supervision import draw
from supervision.inspections import services
from supervision.models import PlanStatus

from .inspection_helpers import enterprises, listed_inspector

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 8)


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16)


def redo_the_draw(published: dict) -> list[dict]:
    """An independent reading of the algorithm the public page states."""
    seed = published["seed"]

    def key(e):  # log of u^(1/w): the larger, the earlier
        u = (_h(f"{seed}:enterprise:{e['uscc']}") + 1) / 2 ** 256
        return math.log(u) / e["weight"]

    drawn = sorted(published["enterprises"], key=key, reverse=True)[:published["sample_size"]]
    excluded = {(x["uscc"], x["badge_number"]) for x in published["excluded"]}
    badges = sorted(i["badge_number"] for i in published["inspectors"])
    load = dict.fromkeys(badges, 0)
    result = []
    for rank, e in enumerate(drawn, start=1):
        free = [b for b in badges if (e["uscc"], b) not in excluded]
        free.sort(key=lambda b: (load[b], _h(f"{seed}:inspector:{e['uscc']}:{b}"), b))
        chosen = free[:published["inspectors_per_visit"]]
        for b in chosen:
            load[b] += 1
        result.append({"uscc": e["uscc"], "rank": rank, "inspectors": sorted(chosen)})
    return result


def test_58_the_same_seed_and_inputs_give_the_same_draw_recomputed_from_the_published_seed(client, bureau_officer):
    companies = enterprises(7)
    from supervision.models import Complaint

    # Different risks, so the weights differ (a complaint adds 2 points).
    for i, company in enumerate(companies[:4]):
        for j in range(i + 1):
            Complaint.objects.create(number=f"TSDRAW{i}{j}", enterprise=company, category="quality", description="质量问题",
                                     contact_name="投诉人", contact_email="a@example.invalid", received_on=TODAY)
    for _ in range(5):
        listed_inspector(actor=bureau_officer, today=TODAY)
    plan = services.create_plan(year=2026, quarter=2, sample_size=3, actor=bureau_officer, today=TODAY)
    services.publish_seed(plan, actor=bureau_officer, today=TODAY)

    before = client.get(f"/supervision/random-checks/{plan.pk}/draw.json").json()
    assert len(before["seed"]) == 64 and before["result"] == []  # the seed is public before the draw
    services.draw(plan, actor=bureau_officer, today=TODAY)
    published = client.get(f"/supervision/random-checks/{plan.pk}/draw.json").json()

    assert published["seed"] == before["seed"] and published["enterprises"] == before["enterprises"]
    assert sorted(published["result"], key=lambda r: r["rank"]) == redo_the_draw(published)
    page = client.get(f"/supervision/random-checks/{plan.pk}/").content.decode()
    assert published["seed"] in page and "SHA-256" in page


def test_58_the_draw_is_a_function_of_seed_and_inputs_only():
    weights = {f"91140105MA0{i:07d}": 1 + i % 4 for i in range(30)}
    badges = [f"ZF-{i:03d}" for i in range(8)]
    excluded = {("91140105MA00000003", "ZF-001")}
    first = draw.run_draw("ab" * 32, weights, badges, excluded, 5, 2)
    again = draw.run_draw("ab" * 32, dict(reversed(list(weights.items()))), list(reversed(badges)), excluded, 5, 2)
    assert first == again
    assert len(set(first.enterprises)) == 5


def test_58_the_seed_is_published_once_and_the_plan_is_drawn_once(bureau_officer):
    enterprises(3)
    for _ in range(2):
        listed_inspector(actor=bureau_officer, today=TODAY)
    plan = services.create_plan(year=2026, quarter=2, sample_size=2, actor=bureau_officer, today=TODAY)
    with pytest.raises(RuleRefused):  # no draw before the seed is public
        services.draw(plan, actor=bureau_officer, today=TODAY)
    services.publish_seed(plan, actor=bureau_officer, today=TODAY)
    services.draw(plan, actor=bureau_officer, today=TODAY)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAWN and plan.visits.count() == 2
    with pytest.raises(RuleRefused):
        services.draw(plan, actor=bureau_officer, today=TODAY)
    with pytest.raises(RuleRefused):
        services.publish_seed(plan, actor=bureau_officer, today=TODAY)

"""Arrangements shared by the 双随机、一公开 and 联席会议 tests (issue 23)."""

from datetime import date
from itertools import count

from portal.roles import Role
from supervision.inspections import services
from tests.factories import PilotEnterpriseFactory, make_user

_badges = count(1)


def enterprises(n: int):
    return [PilotEnterpriseFactory(name=f"抽查测试企业{i}有限公司") for i in range(n)]


def listed_inspector(role=Role.POLICE_OFFICER, *, actor, today: date, user=None):
    user = user or make_user(role)
    return services.add_inspector(user, badge_number=f"ZF-{next(_badges):05d}", actor=actor, today=today)


def drawn_plan(actor, today: date, *, sample_size: int = 2, per_visit: int = 2, quarter: int = 1):
    plan = services.create_plan(year=today.year, quarter=quarter, sample_size=sample_size,
                                inspectors_per_visit=per_visit, actor=actor, today=today)
    services.publish_seed(plan, actor=actor, today=today)
    return services.draw(plan, actor=actor, today=today)

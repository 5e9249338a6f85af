"""seed_demo (issue 24): a policy adjustment prepared by the demo officer and waiting for the demo head, so
`make run` shows the maker–checker pages and, once authorised, the public page's second version."""

from datetime import timedelta

from django.utils import timezone

from . import policy, policy_services
from .policy_models import PolicyVersion


def seed_policy_adjustment(context) -> None:
    officer = context["users"].get("bureau_demo")
    if officer is None or PolicyVersion.objects.exclude(number=1).exists():
        return  # idempotent: one demo adjustment at most
    today = timezone.localdate()
    current = policy.policy_in_force(today)
    values = {p.key: p.to_json(current[p.key]) for p in policy.PARAMETERS}
    values["publicity_working_days"] = 7
    policy_services.prepare_version(
        actor=officer, today=today, values=values, basis="并商外贸发〔演示〕1 号",
        effective_from=today + timedelta(days=60), summary="评审结果公示期由 5 个工作日调整为 7 个工作日（演示）。")

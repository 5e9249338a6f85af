"""Issue 24: publish a policy version in a test the way the bureau does (an officer prepares, the head authorises)."""

from datetime import date

from portal import policy, policy_services


def values_with(**changes) -> dict:
    """The values of the version in force today with `changes` (parameter key → new value, JSON form)."""
    current = policy.policy_in_force(date.today())
    values = {p.key: p.to_json(current[p.key]) for p in policy.PARAMETERS}
    values.update(changes)
    return values


def publish_version(officer, head, *, today: date, effective_from: date, basis: str = "并商外贸发〔2026〕9 号",
                    **changes):
    version = policy_services.prepare_version(actor=officer, today=today, values=values_with(**changes),
                                              basis=basis, effective_from=effective_from, summary="测试调整")
    return policy_services.authorise_version(version, actor=head, today=today)

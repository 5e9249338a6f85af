"""Obligations created by the act that starts them (domain-rules v1.1); the daily sweep judges them.

The rows are exactly those the sweep would make (same rule, period_key, period_start and due_on), so
the sweep finds them and inserts no second one; the unique constraints settle any race.
"""

from datetime import date

from portal.policy import policy_in_force

from . import rules
from .models import Obligation, ObligationStatus, RectificationOrder, RuleCode

# The duties a designation starts (办法第八条, 第十二条第2项) and their period keys in the sweep.
AT_DESIGNATION = (RuleCode.FIRST_EXPORT_6M, RuleCode.NETWORKS_9M, RuleCode.SCALE_3Y, RuleCode.NO_EXPORT_12M)


def _designation_key(rule: str, designated_on: date) -> str:
    # no_export_12m keys each start by its date (the designation, then every export).
    return designated_on.isoformat() if rule == RuleCode.NO_EXPORT_12M else "designation"


def start_at_designation(enterprise, designated_on: date) -> None:
    """办法第八条, 第十二条第2项: the pilot's duties exist from the designation date, with the periods of
    the policy version in force on that date (issue 24)."""
    policy = policy_in_force(designated_on)
    Obligation.objects.bulk_create([
        Obligation(rule=rule, enterprise=enterprise, period_key=_designation_key(rule, designated_on),
                   period_start=designated_on, due_on=rules.due_date(rule, designated_on, policy),
                   status=ObligationStatus.OPEN, policy_version_id=policy.number)
        for rule in AT_DESIGNATION
    ], ignore_conflicts=True)


def start_deregistration(vehicle, cleared_on: date) -> None:
    """办法第六条: police deregistration within 2 months, from the clearance being recorded."""
    rule = RuleCode.DEREGISTRATION_2M
    policy = policy_in_force(cleared_on)  # the version in force on the clearance day (issue 24)
    Obligation.objects.bulk_create([
        Obligation(rule=rule, enterprise_id=vehicle.enterprise_id, vehicle=vehicle, period_key="clearance",
                   period_start=cleared_on, due_on=rules.due_date(rule, cleared_on, policy),
                   status=ObligationStatus.OPEN, policy_version_id=policy.number)
    ], ignore_conflicts=True)


def start_rectification(order: RectificationOrder) -> None:
    """办法第十二条第6项: the duty to rectify exists once the head authorises the order."""
    Obligation.objects.bulk_create([
        Obligation(rule=RuleCode.RECTIFICATION, enterprise_id=order.enterprise_id, rectification_order=order,
                   period_key=f"order:{order.pk}", period_start=order.ordered_on, due_on=order.deadline,
                   status=ObligationStatus.OPEN, policy_version_id=policy_in_force(order.ordered_on).number)
    ], ignore_conflicts=True)


def on_pilot_designated(sender, organisation, on, **kwargs) -> None:
    start_at_designation(organisation, on)


def on_vehicle_cleared(sender, vehicle, cleared_on, **kwargs) -> None:
    start_deregistration(vehicle, cleared_on)

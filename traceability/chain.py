"""Writing one event into a vehicle's hash chain (the caller holds the vehicle row's lock)."""

from datetime import date

from django.utils import timezone

from . import rules, selectors
from .models import TraceEvent, Vehicle


def file_state(vehicle: Vehicle) -> rules.FileState:
    rows = TraceEvent.objects.filter(vehicle=vehicle).order_by("seq").values_list("seq", "type", "occurred_on", "payload")
    return rules.fold_file(list(rows))


def write_event(locked: Vehicle, event_type: str, payload: dict, *, actor, occurred_on: date) -> TraceEvent:
    """Write the next event of a vehicle whose row the caller has locked, and refresh its facts."""
    seq = locked.last_seq + 1
    recorded_at = timezone.now()
    prev_hash = locked.head_hash or rules.GENESIS_HASH
    digest = rules.event_hash(
        vin=locked.vin, seq=seq, type=str(event_type), occurred_on=occurred_on.isoformat(), payload=payload,
        recorded_at=selectors.timestamp(recorded_at), recorded_by=actor.username, prev_hash=prev_hash,
    )
    event = TraceEvent.objects.create(
        vehicle=locked, seq=seq, type=event_type, occurred_on=occurred_on, payload=payload, recorded_at=recorded_at,
        recorded_by=actor, recorded_by_username=actor.username, recorded_by_organisation=actor.organisation,
        prev_hash=prev_hash, hash=digest, corrects_seq=payload.get("corrects_seq"),
    )
    locked.last_seq, locked.head_hash = seq, digest
    state = file_state(locked)
    locked.registered_to_enterprise_on = state.registered_to_enterprise_on
    locked.cleared_on = state.cleared_on
    locked.deregistered_on = state.deregistered_on
    locked.destination_country = state.destination_country
    locked.stolen, locked.assembled, locked.scrapped = state.stolen, state.assembled, state.scrapped
    locked.inspection_conclusion, locked.inspected_on = state.inspection_conclusion, state.inspected_on
    locked.open_traffic_matters = len(state.open_traffic_matters)
    locked.save(update_fields=[
        "last_seq", "head_hash", "registered_to_enterprise_on", "cleared_on", "deregistered_on", "destination_country",
        "stolen", "assembled", "scrapped", "inspection_conclusion", "inspected_on", "open_traffic_matters",
    ])
    return event

"""A vehicle's hash chain: writing one event (the caller holds the vehicle row's lock), and verifying
every file in bulk."""

import multiprocessing
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import itemgetter

from django.db import connections, transaction
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


# --- Verifying every file (bench/bench_chain.py; a nightly check) -----------------------------------
@dataclass
class FilesReport:
    files: int = 0
    events: int = 0
    broken: list[int] = field(default_factory=list)  # ids of the vehicles whose chain does not verify

    def add(self, other: "FilesReport") -> None:
        self.files += other.files
        self.events += other.events
        self.broken += other.broken


def verify_files(first_id: int, last_id: int, *, block: int = 1_000, bulk: bool | None = None) -> FilesReport:
    """rules.verify_chain over every file of the vehicles first_id..last_id, `block` vehicles per query
    (ordered by the (vehicle, seq) index: no sort, no join, a few MB at a time). `bulk` (PostgreSQL only,
    its default there): the rows come as COPY text and rules.verify_chain_rows checks them in one loop."""
    report, entry, after = FilesReport(), selectors.chain_entry, first_id - 1
    vehicles = Vehicle.objects.filter(id__lte=last_id).order_by("id").values_list("id", "vin")
    bulk = connections[vehicles.db].vendor == "postgresql" if bulk is None else bulk
    while True:
        vins, rows = _block(vehicles.filter(id__gt=after)[:block], after, bulk)
        if not vins:
            break
        if bulk:
            files = rules.verify_chain_rows(rows, vins)
        else:
            events = TraceEvent.objects.filter(vehicle_id__gt=after, vehicle_id__lte=max(vins)).order_by(
                "vehicle_id", "seq")
            files = (
                (vehicle_id, len(entries), rules.verify_chain(vins[vehicle_id], entries).broken_at)
                for vehicle_id, group in groupby(selectors.stored_chain(events, "vehicle_id"), key=itemgetter(0))
                for entries in [[entry(*row[1:]) for row in group]]
            )
        after = max(vins)
        for vehicle_id, count, broken_at in files:
            report.files += 1
            report.events += count
            if broken_at is not None:
                report.broken.append(vehicle_id)
    return report


def _block(vehicles, after: int, bulk: bool):
    """The block's {id: vin} and, in bulk, its events' rows (else None), read in one snapshot (REPEATABLE READ): a
    vehicle registered meanwhile, whose id falls inside the block, is in both or in neither."""
    if not bulk:
        return dict(vehicles), None
    outer = connections[vehicles.db].in_atomic_block  # a caller's transaction keeps its own isolation
    with transaction.atomic(using=vehicles.db):
        if not outer:
            with connections[vehicles.db].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        vins = dict(vehicles)
        return vins, (selectors.chain_rows(after, max(vins)) if vins else None)


def _verify_range(id_range: tuple[int, int]) -> FilesReport:
    try:
        return verify_files(*id_range)
    finally:
        connections.close_all()


def verify_files_in_parallel(vehicle_ids: list[int], processes: int) -> FilesReport:
    """verify_files over `vehicle_ids` (sorted) cut into ranges of equal size, one process each
    (forked: each opens its own database connection)."""
    size = -(-len(vehicle_ids) // processes)
    ranges = [(part[0], part[-1]) for part in (vehicle_ids[i:i + size] for i in range(0, len(vehicle_ids), size))]
    if len(ranges) <= 1:
        return verify_files(*ranges[0]) if ranges else FilesReport()
    connections.close_all()  # a forked child must not share the parent's connection
    report = FilesReport()
    with multiprocessing.get_context("fork").Pool(len(ranges)) as pool:
        for part in pool.map(_verify_range, ranges):
            report.add(part)
    return report

"""A vehicle's hash chain: writing one event (the caller holds the vehicle row's lock), and verifying
every file in bulk."""

import multiprocessing
from dataclasses import dataclass, field
from datetime import date

from asgiref.local import Local
from django.db import connections, transaction
from django.utils import timezone

from . import eventlog, rules, selectors
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
    with connections[TraceEvent.objects.db].cursor() as cursor:
        eventlog.hold_append_lock(cursor)  # the log's leaf order: see eventlog
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
    log: object = None  # eventlog.LogReport: the log against every published head (integrity.check_every_file)

    def add(self, other: "FilesReport") -> None:
        self.files += other.files
        self.events += other.events
        self.broken += other.broken


def verify_files(first_id: int, last_id: int, *, block: int = 1_000) -> FilesReport:
    """rules.verify_chain over every file of the vehicles first_id..last_id, `block` vehicles per query
    (ordered by the (vehicle, seq) index: no sort, no join, a few MB at a time): selectors.chain_rows
    hands over the stored fields as bytes and rules.verify_chain_rows checks them in one loop."""
    report, after = FilesReport(), first_id - 1
    vehicles = Vehicle.objects.filter(id__lte=last_id).order_by("id").values_list("id", "vin")
    while True:
        vins, rows = _block(vehicles.filter(id__gt=after)[:block], after)
        if not vins:
            break
        after = max(vins)
        for vehicle_id, count, broken_at in rules.verify_chain_rows(rows, vins):
            report.files += 1
            report.events += count
            if broken_at is not None:
                report.broken.append(vehicle_id)
    return report


def _block(vehicles, after: int):
    """The block's {id: vin} and its events' rows, read in one snapshot: a vehicle registered meanwhile, whose
    id falls inside the block, is in both reads or in neither (REPEATABLE READ)."""
    db = connections[vehicles.db]
    outer = db.in_atomic_block  # a caller's transaction keeps its own isolation
    with transaction.atomic(using=vehicles.db):
        if not outer:
            with db.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        vins = dict(vehicles)
        return vins, (selectors.chain_rows(after, max(vins)) if vins else [])


_INHERITED: list = []  # a child's copies of the parent's connection handlers, kept so they are never closed


def _own_connections() -> None:
    """Pool initializer: the child starts with no database connection of its own. The wrappers it inherited
    (in every storage the parent used: a thread's, and a context's when an event loop ran there, as under
    Playwright) hold the parent's sockets; they are set aside, neither used nor closed (closing would end the
    parent's sessions)."""
    _INHERITED.append(connections._connections)
    connections._connections = Local(connections.thread_critical)


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
    report = FilesReport()
    with multiprocessing.get_context("fork").Pool(len(ranges), initializer=_own_connections) as pool:
        for part in pool.map(_verify_range, ranges):
            report.add(part)
    return report

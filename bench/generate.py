"""Fill PostgreSQL with N vehicles and their files for the benchmarks (issue 10 point 1).

    DATABASE_URL=postgres://…/portal_bench .venv/bin/python bench/generate.py --vehicles 1000000 --reset

Enterprises (one per ~2,000 vehicles), their users and the agencies' users are made with the ORM;
vehicles, ~10 trace events each, licences (一批一证: one per batch of up to five vehicles) and the
licence-vehicle rows go in with COPY in batches from two worker processes. Every event's hash is
computed by traceability.rules.event_hash, the function the portal writes and verifies with, so
the chains verify. The obligations are those yesterday's compliance run left behind, written by
the hand-written baseline SQL (bench/baseline.py) as of the day before bench.common.AS_OF.

Foreign-key triggers are off while loading (session_replication_role = replica): the rows are
consistent by construction; the unique indexes stay on. The database must be migrated first.
"""

import argparse
import io
import json
import multiprocessing
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import AS_OF, setup_django  # noqa: E402

GROUP = 5  # vehicles per batch (one enterprise, one licence)
EVENT_SLOTS = 16  # event ids: vehicle index * 16 + k
FIRST8 = ["LFV2A21K", "LSVAM418", "LGBH52E0", "LVSHCAMB", "LHGCR265", "LBVNU110", "LDC613P2", "LZWADAGA"]
SERIALS = 1_000_000
PLANTS = "ABCDEFGHJKLMNPRSTUVWXYZ123456789"
BRANDS = [("大众", "朗逸"), ("丰田", "卡罗拉"), ("本田", "雅阁"), ("比亚迪", "秦PLUS"), ("吉利", "帝豪"),
          ("长安", "CS75"), ("日产", "轩逸"), ("别克", "英朗"), ("哈弗", "H6"), ("奇瑞", "瑞虎8")]
TYPES = (["noncommercial_passenger_small"] * 14 + ["noncommercial_sedan_large", "truck_other", "mini_truck",
         "rental_passenger", "taxi_small", "commercial_passenger_small"])
COUNTRIES = ["KZ", "RU", "UZ", "KG", "AE", "SA", "JO", "MN", "TJ", "GE"]
REPAIRS = ["aftersales", "repair", "claim"]


def _esc(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _line(values) -> str:
    return "\t".join(_esc(v) for v in values) + "\n"


class Actors:
    """Who records what (traceability.rules.EVENT_TYPES_BY_ROLE): ids and usernames."""

    def __init__(self, data: dict):
        self.__dict__.update(data)


def _moment(day: date, seq: int) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0, 0, seq * 1000, tzinfo=UTC) + timedelta(minutes=seq)


def _vehicle_plan(i: int, actors: Actors, as_of: date):
    """The events of vehicle i, oldest first: [(type, day, payload, (user_id, username, org_id))]."""
    from traceability.rules import make_vin

    g = i // GROUP
    grng = random.Random(g * 7919 + 17)
    rng = random.Random(i * 104729 + 3)
    ent = actors.enterprises[g % len(actors.enterprises)]
    start = as_of - timedelta(days=grng.randint(20, 900))
    exported = start < as_of - timedelta(days=40) and grng.random() < 0.8
    licence_day = start + timedelta(days=20)
    cleared_day = licence_day + timedelta(days=7)
    country = grng.choice(COUNTRIES)
    vin = make_vin(FIRST8[i % len(FIRST8)], rng.choice("ABCDEFGHJKLMNPRS") + PLANTS[(i // SERIALS) % len(PLANTS)]
                   + f"{i % SERIALS:06d}")
    brand, model = BRANDS[rng.randrange(len(BRANDS))]
    reg = date(2016, 1, 1) + timedelta(days=rng.randint(0, 2800))
    price = f"{rng.randint(30, 300) * 1000}.00"
    ent_actor = (ent["user_id"], ent["username"], ent["id"])
    plan = [
        ("procurement", start + timedelta(days=rng.randint(0, 2)),
         {"seller_name": f"个人卖方{i}", "price": price, "contract_number": f"HT{i:08d}"}, ent_actor),
        ("transfer_registration", start + timedelta(days=4), {"certificate_number": f"DJ{i:010d}"}, actors.police),
        ("refurbishment", start + timedelta(days=8), {"description": "更换轮胎、保养"}, ent_actor),
        ("inspection", start + timedelta(days=12),
         {"report_number": f"JC{i:09d}", "conclusion": "pass", "qualification_number": actors.certificate,
          "mileage_km": rng.randint(5000, 150000)}, actors.inspector),
    ]
    licence = None
    if exported:
        number = f"TYCK{licence_day:%Y}{g:07d}"
        licence = (g, number, licence_day, country)
        plan += [
            ("licence_issued", licence_day,
             {"licence_number": number, "valid_until": _valid_until(licence_day).isoformat(),
              "destination_country": country}, actors.head),
            ("customs_declaration", licence_day + timedelta(days=5),
             {"declaration_number": f"1401{licence_day:%Y}0{i:09d}", "port": "太原海关"}, actors.customs),
            ("customs_clearance", cleared_day,
             {"declaration_number": f"1401{licence_day:%Y}0{i:09d}", "port": "太原海关"}, actors.customs),
            ("sale", cleared_day, {"buyer_name": f"境外买方{g}", "destination_country": country, "price": price},
             ent_actor),
        ]
        # Nearly every vehicle cleared more than two months ago is deregistered (办法第六条).
        late = cleared_day < as_of - timedelta(days=62)
        if rng.random() < (0.995 if late else 0.5):
            day = min(as_of - timedelta(days=1), cleared_day + timedelta(days=rng.randint(5, 55)))
            plan.append(("deregistration", day, {"certificate_number": f"ZX{i:010d}"}, actors.police))
    extra_from = plan[-1][1]
    while len(plan) < 10 and extra_from < as_of - timedelta(days=2):
        extra_from = min(as_of - timedelta(days=1), extra_from + timedelta(days=rng.randint(1, 20)))
        kind = rng.choice(REPAIRS)
        plan.append((kind, extra_from, {"description": "常规保养", "country": country if exported else "CN"}, ent_actor))
    plan.sort(key=lambda e: e[1])
    vehicle = {"vin": vin, "brand": brand, "model": model, "reg": reg, "ent": ent,
               "type": TYPES[rng.randrange(len(TYPES))], "mileage": plan[3][2]["mileage_km"]}
    return vehicle, plan, licence


def _valid_until(day: date) -> date:
    from traceability.rules import licence_valid_until

    return licence_valid_until(day)


def _check_code(number: str) -> str:
    """The licence's check code (api.md v1.1), drawn from its alphabet and fixed by the number, so a
    regenerated database prints the same codes."""
    from traceability.models import CHECK_CODE_ALPHABET

    rng = random.Random(number)
    return "".join(rng.choice(CHECK_CODE_ALPHABET) for _ in range(8))


def _build_chunk(lo: int, hi: int, ids: dict, actors: Actors, as_of: date):
    from traceability.rules import GENESIS_HASH, event_hash, fold_file
    from traceability.selectors import timestamp

    vehicles, events, licences, links = io.StringIO(), io.StringIO(), io.StringIO(), io.StringIO()
    created = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    seen_licences = set()
    for i in range(lo, hi):
        vid = ids["vehicle"] + i
        vehicle, plan, licence = _vehicle_plan(i, actors, as_of)
        prev, folded = GENESIS_HASH, []
        base = ids["event"] + i * EVENT_SLOTS
        for seq, (type_, day, payload, (user_id, username, org_id)) in enumerate(plan, start=1):
            moment = _moment(day, seq)
            stamp, iso = timestamp(moment), day.isoformat()
            digest = event_hash(vin=vehicle["vin"], seq=seq, type=type_, occurred_on=iso, payload=payload,
                                recorded_at=stamp, recorded_by=username, prev_hash=prev)
            text = json.dumps(payload, ensure_ascii=False).replace("\\", "\\\\")
            events.write(f"{base + seq}\t{vid}\t{seq}\t{type_}\t{iso}\t{text}\t{stamp}\t{user_id}\t{org_id}"
                         f"\t{username}\t{prev}\t{digest}\t\\N\n")
            folded.append((seq, type_, day, payload))
            prev = digest
        state = fold_file(folded)
        ent = vehicle["ent"]
        vehicles.write(_line([
            vid, vehicle["vin"], f"晋A{i % 100000:05d}", vehicle["brand"], vehicle["model"], vehicle["type"],
            "noncommercial", "", vehicle["reg"].isoformat(), None, vehicle["mileage"], False, None,
            ent["user_id"], (created - timedelta(seconds=hi - i)).isoformat(), len(plan), prev,
            state.registered_to_enterprise_on, state.cleared_on, state.deregistered_on, state.destination_country,
            state.stolen, state.assembled, state.scrapped, state.inspection_conclusion, state.inspected_on, 0,
            ent["id"],
        ]))
        if licence is not None:
            g, number, day, country = licence
            lid = ids["licence"] + g
            if g not in seen_licences:
                seen_licences.add(g)
                cleared = state.cleared_on
                licences.write(_line([
                    lid, number, ent["id"], country, "used", ent["user_id"], _moment(day, 0).isoformat(),
                    actors.officer[0], actors.head[0], day, _valid_until(day), cleared, "", None, None,
                    _check_code(number),
                ]))
            links.write(_line([ids["link"] + i, lid, vid]))
    return vehicles, events, licences, links


COLUMNS = {
    "traceability_vehicle": (
        "id, vin, plate_number, brand, model, vehicle_type, previous_use, commercial_vehicle_type, registration_date,"
        " manufacture_date, mileage_km, has_aftersales_confirmation, vin_check_confirmed_by_id, created_by_id,"
        " created_at, last_seq, head_hash, registered_to_enterprise_on, cleared_on, deregistered_on,"
        " destination_country, stolen, assembled, scrapped, inspection_conclusion, inspected_on,"
        " open_traffic_matters, enterprise_id"
    ),
    "traceability_traceevent": (
        "id, vehicle_id, seq, type, occurred_on, payload, recorded_at, recorded_by_id, recorded_by_organisation_id,"
        " recorded_by_username, prev_hash, hash, corrects_seq"
    ),
    "traceability_licence": (
        "id, number, enterprise_id, destination_country, status, requested_by_id, requested_at, prepared_by_id,"
        " issued_by_id, issued_on, valid_until, used_on, cancelled_reason, cancelled_by_id, cancelled_on, check_code"
    ),
    "traceability_licencevehicle": "id, licence_id, vehicle_id",
}


def _copy(cursor, table: str, buffer: io.StringIO) -> None:
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({COLUMNS[table]}) FROM STDIN", buffer)


def _worker(args) -> int:
    lo, hi, batch, ids, actors_data, as_of = args
    from django.db import connection

    actors = Actors(actors_data)
    done = 0
    for start in range(lo, hi, batch):
        end = min(hi, start + batch)
        # A batch starts on a group boundary, so one licence's row is written once.
        vehicles, events, licences, links = _build_chunk(start, end, ids, actors, as_of)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            raw.execute("SET session_replication_role = replica")
            raw.execute("SET synchronous_commit = off")
            for table, buffer in (("traceability_vehicle", vehicles), ("traceability_traceevent", events),
                                  ("traceability_licence", licences), ("traceability_licencevehicle", links)):
                _copy(raw, table, buffer)
        done += end - start
    connection.close()
    return done


def _organisations(n_enterprises: int, as_of: date) -> dict:
    """The enterprises and agencies with one user each (ORM: a few hundred rows)."""
    from django.contrib.auth.models import Group

    from portal.identifiers import make_org_code, make_uscc
    from portal.models import Organisation, PilotStatus, User
    from portal.roles import OrganisationKind, Role

    def org(name, kind, **kw):
        return Organisation.objects.get_or_create(name=name, defaults={"kind": kind, **kw})[0]

    def user(username, organisation, role):
        u, created = User.objects.get_or_create(username=username, defaults={"organisation": organisation})
        if created:
            u.set_unusable_password()
            u.save(update_fields=["password"])
            u.groups.add(Group.objects.get(name=str(role)))
        return u

    bureau = org("太原市商务局（基准）", OrganisationKind.COMMERCE_BUREAU)
    police = org("太原市公安局交警支队（基准）", OrganisationKind.POLICE)
    customs = org("太原海关（基准）", OrganisationKind.CUSTOMS)
    body = org("山西检测中心（基准）", OrganisationKind.INSPECTION_BODY, certificate_number="CMA-BENCH-001")
    from traceability.demo import register_demo_qualification

    register_demo_qualification(body, "CMA-BENCH-001")  # 办法第九条: on the bureau's register
    officer, head = user("bench_officer", bureau, Role.BUREAU_OFFICER), user("bench_head", bureau, Role.BUREAU_HEAD)
    pol, cus, ins = (user("bench_police", police, Role.POLICE_OFFICER), user("bench_customs", customs, Role.CUSTOMS_OFFICER),
                     user("bench_inspector", body, Role.INSPECTOR))
    existing = {o.name: o for o in Organisation.objects.filter(name__startswith="基准汽车贸易有限公司")}
    new = []
    for k in range(n_enterprises):
        name = f"基准汽车贸易有限公司{k:05d}"
        if name not in existing:
            new.append(Organisation(
                name=name, kind=OrganisationKind.ENTERPRISE, registered_district="140105",
                uscc=make_uscc("91140105" + make_org_code(f"BE{k:06d}")),
                pilot_status=PilotStatus.EXITED if k % 50 == 49 else PilotStatus.DESIGNATED,
                designated_on=date(2024, 1, 1) + timedelta(days=(k * 37) % 540),
                pilot_status_changed_on=as_of - timedelta(days=90) if k % 50 == 49 else None,
            ))
    Organisation.objects.bulk_create(new)
    orgs = sorted(Organisation.objects.filter(name__startswith="基准汽车贸易有限公司"), key=lambda o: o.name)
    enterprises = []
    for o in orgs[:n_enterprises]:
        u = user(f"bench_ent_{o.pk}", o, Role.ENTERPRISE_USER)
        enterprises.append({"id": o.pk, "user_id": u.pk, "username": u.username})
    return {
        "enterprises": enterprises, "certificate": body.certificate_number,
        "police": (pol.pk, pol.username, police.pk), "customs": (cus.pk, cus.username, customs.pk),
        "inspector": (ins.pk, ins.username, body.pk), "head": (head.pk, head.username, bureau.pk),
        "officer": (officer.pk, officer.username, bureau.pk),
    }


def _next_ids(start_index: int) -> dict:
    from django.db import connection

    def top(table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            return cursor.fetchone()[0]

    # Index i of this run maps to fixed offsets, so a second run appends after the first.
    return {
        "vehicle": top("traceability_vehicle") + 1 - start_index,
        "event": top("traceability_traceevent") + EVENT_SLOTS - start_index * EVENT_SLOTS,
        "licence": top("traceability_licence") + 1 - start_index // GROUP,
        "link": top("traceability_licencevehicle") + 1 - start_index,
    }


def _drop_plain_indexes() -> list[str]:
    """Drop the indexes that back no constraint (rebuilt in bulk after the load); answer their DDL."""
    from django.db import connection

    tables = ", ".join(f"'{t}'" for t in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename IN (" + tables + ")"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        )
        rows = cursor.fetchall()
        for name, _ in rows:
            cursor.execute(f'DROP INDEX "{name}"')
    return [ddl for _, ddl in rows]


def _rebuild_indexes(ddls: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        for ddl in ddls:
            cursor.execute(ddl)


def _reset_sequences() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in COLUMNS:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT coalesce(max(id), 1) FROM {table}))")


def _reset() -> None:
    from django.db import connection

    if "bench" not in connection.settings_dict["NAME"]:
        raise SystemExit("--reset empties the vehicle tables: only on a database whose name contains 'bench'.")
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE traceability_vehicle, traceability_traceevent, traceability_licence,"
            " traceability_licencevehicle, compliance_obligation, compliance_violation, compliance_compliancerun"
            " CASCADE"
        )


def run_receivers(day: date) -> dict:
    """What yesterday's run did after its rules: the receivers of run_evaluated (casework's clocks
    and consistency checks), so that the benchmark's daily run finds them as a real day would."""
    from compliance.models import ComplianceRun
    from compliance.sweep import run_evaluated

    counts = {}
    run_evaluated.send(sender=ComplianceRun, as_of=day, dry_run=False, counts=counts)
    return counts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vehicles", type=int, required=True)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reset", action="store_true", help="empty the vehicle, licence and obligation tables first")
    parser.add_argument("--no-obligations", action="store_true")
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection, connections

    from bench import baseline

    started = time.perf_counter()
    if args.reset:
        _reset()
    from bench.common import report, vehicle_count

    start_index = vehicle_count()
    actors = _organisations(max(5, (start_index + args.vehicles) // 2000), AS_OF)
    ids = _next_ids(start_index)
    n = args.vehicles + (-args.vehicles) % GROUP  # whole batches of one licence
    batch = max(GROUP, args.batch - args.batch % GROUP)
    per_worker = -(-n // args.workers)
    per_worker += (-per_worker) % GROUP
    jobs = [(start_index + lo, start_index + min(n, lo + per_worker), batch, ids, actors, AS_OF)
            for lo in range(0, n, per_worker)]
    dropped = _drop_plain_indexes()
    connections.close_all()
    try:
        with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
            loaded = sum(pool.map(_worker, jobs))
        t_load = time.perf_counter() - started
        print(f"loaded {loaded} vehicles with their events and licences in {t_load:.1f} s", flush=True)
    finally:
        t0 = time.perf_counter()
        _rebuild_indexes(dropped)
        print(f"rebuilt {len(dropped)} indexes in {time.perf_counter() - t0:.1f} s", flush=True)
    _reset_sequences()
    if not args.no_obligations:
        t0 = time.perf_counter()
        made = baseline.materialise_obligations(AS_OF - timedelta(days=1))
        print(f"obligations as of {AS_OF - timedelta(days=1)}: {made} rows in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        counts = run_receivers(AS_OF - timedelta(days=1))
        print(f"the run's receivers as of {AS_OF - timedelta(days=1)}: {counts} in {time.perf_counter() - t0:.1f} s")
    # VACUUM as well as ANALYZE: it sets the visibility map (index-only scans of the list order) and
    # merges the GIN pending lists the load left in the trigram search indexes.
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"vacuumed and analysed in {time.perf_counter() - t0:.1f} s")
    total = time.perf_counter() - started
    print(f"generated {loaded} vehicles in {total:.1f} s ({loaded / total:,.0f} vehicles/s)")
    if args.reset:
        report("generator (COPY, --reset)", total / 60, "min", "1M <= 15 min",
               total / 60 * 1_000_000 / max(loaded, 1) <= 15, vehicles=loaded)


if __name__ == "__main__":
    main()

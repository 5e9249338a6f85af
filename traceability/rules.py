"""Rules of one car one file: pure functions over plain values, each naming its article.

- The export ban (办法第七条, 实施方案三(二)) and the scrap due date (报废规定第五条、第六条).
- VIN format and check character (GB 16735 / ISO 3779).
- Who records which trace event (domain-rules.md "The file of one car", 实施方案三(三)).
- The SHA-256 hash chain of a vehicle's file.
- Licence validity (货物出口许可证管理办法).
"""

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

import orjson
from django.utils.translation import gettext_lazy as _

from portal import countries
from portal.dates import add_months, add_years
from portal.errors import NOT_CLEARED, OPEN_TRAFFIC_MATTER, Refusal, Rule
from portal.policy import BY_KEY as POLICY_PARAMETERS
from portal.policy import register_key_labels
from portal.roles import Role

from .models import EventType, PreviousUse, VehicleType

# --- Export ban (办法第七条) ---------------------------------------------------------------------
STOLEN = Rule("stolen", "办法第七条", _("车辆有被盗抢标记，不得出口。"))
ASSEMBLED = Rule("assembled", "办法第七条", _("拼装车辆不得出口。"))
SCRAPPED = Rule("scrapped", "办法第七条；报废规定第五条", _("车辆已达到强制报废标准或已报废注销，不得出口。"))
WITHIN_1Y_OF_SCRAP = Rule(
    "within_1y_of_scrap", "办法第七条", _("车辆距强制报废使用年限1年以内（含1年），按报废车辆管理，不得出口。")
)
NO_PASSING_INSPECTION = Rule(
    "no_passing_inspection", "办法第九条；实施方案三(二)", _("没有具备CMA/CNAS资质的第三方检测机构出具的合格检测报告。")
)
NOT_REGISTERED_TO_ENTERPRISE = Rule(
    "not_registered_to_enterprise", "办法第六条", _("车辆尚未办理转移登记至出口企业名下。")
)
INSPECTION_BODY_NOT_QUALIFIED = Rule(
    "inspection_body_not_qualified", "办法第九条；实施方案三(二)",
    _("检测机构没有在检测日有效、范围包括机动车的登记资质（CMA、CNAS 或进出口商品检验鉴定）。"),
)
ALREADY_INSPECTED = Rule(
    "already_inspected", "实施方案三(二)", _("一车一检：该车辆已有检测报告，如需更正请提交更正记录并说明理由。")
)
NOT_DECLARED = Rule(
    "not_declared", "实施方案三(三)", _("海关放行须在该车辆（同一 VIN、同一报关单号）报关之后。")
)
ALREADY_EXPORTED = Rule("already_exported", "实施方案三(三)", _("车辆已经出口（海关已放行）。"))
RECENT_REGISTRATION = Rule(
    "recent_registration_without_aftersales_confirmation",
    "商务部等部门二手车出口规定（2026-01-01起）",
    _("初次登记不满180日（含）的车辆须有生产企业出具的《售后维修服务确认书》。"),
)
ALREADY_ON_LICENCE = Rule("already_on_licence", "一批一证", _("车辆已列入另一份未注销的出口许可证或申请。"))

EXPORT_BAN_RULES = (
    STOLEN, ASSEMBLED, SCRAPPED, WITHIN_1Y_OF_SCRAP, NO_PASSING_INSPECTION,
    NOT_REGISTERED_TO_ENTERPRISE, ALREADY_EXPORTED, RECENT_REGISTRATION,
)

# api.md v1.1 "Bad input": dates outside 1950–2100 are refused; a vehicle's dates are also not in the future.
EARLIEST_VEHICLE_DATE = date(1950, 1, 1)

# --- Service lives (报废规定第五条); None: no service life -------------------------------------------
# The table (years per VehicleType) is policy (portal.policy "service_life_years", issue 24): each function takes
# the table of the version in force on the day judged (`table`).
assert set(POLICY_PARAMETERS["service_life_years"].initial) == set(VehicleType.values)
register_key_labels("service_life_years", VehicleType.choices)


def service_life_years(vehicle_type: str, previous_use: str = PreviousUse.NONCOMMERCIAL,
                       commercial_vehicle_type: str = "", *, table: Mapping[str, int | None]) -> int | None:
    """报废规定第五条, with 第六条: a vehicle that changed between commercial and non-commercial use
    follows the commercial rule — of the two classes, the stricter (shorter) service life applies."""
    years = table[vehicle_type]
    if previous_use in (PreviousUse.CHANGED, PreviousUse.COMMERCIAL) and commercial_vehicle_type:
        commercial = table[commercial_vehicle_type]
        candidates = [y for y in (years, commercial) if y is not None]
        years = min(candidates) if candidates else None
    return years


def scrap_start_date(registration_date: date, manufacture_date: date | None) -> date:
    """报废规定第五条: counted from registration, or from manufacture when the vehicle was registered
    more than 2 years after it was made."""
    if manufacture_date and registration_date > add_years(manufacture_date, 2):
        return manufacture_date
    return registration_date


def scrap_due_date(vehicle_type: str, registration_date: date, manufacture_date: date | None = None,
                   previous_use: str = PreviousUse.NONCOMMERCIAL, commercial_vehicle_type: str = "", *,
                   table: Mapping[str, int | None]) -> date | None:
    """Start date + service life in years (29 Feb → 28 Feb); None when the class has no service life."""
    years = service_life_years(vehicle_type, previous_use, commercial_vehicle_type, table=table)
    if years is None:
        return None
    return add_years(scrap_start_date(registration_date, manufacture_date), years)


def export_banned_from(due: date | None) -> date | None:
    """办法第七条: banned from one year before the scrap due date (距使用年限1年以内，含1年)."""
    return add_years(due, -1) if due else None


@dataclass(frozen=True)
class VehicleFacts:
    """What the export ban looks at: the vehicle's derived columns, as plain values."""

    vehicle_type: str
    registration_date: date
    manufacture_date: date | None = None
    previous_use: str = PreviousUse.NONCOMMERCIAL
    commercial_vehicle_type: str = ""
    stolen: bool = False
    assembled: bool = False
    scrapped: bool = False
    inspection_passed: bool = False
    inspected_on: date | None = None
    registered_to_enterprise: bool = False
    exported: bool = False
    has_aftersales_confirmation: bool = False


def export_ban_reasons(facts: VehicleFacts, as_of: date, policy, *, applied_on: date | None = None) -> list[Rule]:
    """办法第七条: every reason the vehicle may not be exported on `as_of` (empty: eligible), under `policy`
    (the version in force on `as_of`: the service-life table, the 180-day rule's start and days; issue 24).

    `applied_on` is the licence application date (the 180-day rule counts back from it).
    """
    reasons = []
    if facts.stolen:
        reasons.append(STOLEN)
    if facts.assembled:
        reasons.append(ASSEMBLED)
    due = scrap_due_date(facts.vehicle_type, facts.registration_date, facts.manufacture_date,
                         facts.previous_use, facts.commercial_vehicle_type, table=policy["service_life_years"])
    if facts.scrapped or (due and as_of >= due):
        reasons.append(SCRAPPED)
    elif due and as_of >= export_banned_from(due):
        reasons.append(WITHIN_1Y_OF_SCRAP)
    # domain-rules v1.1: only a report dated on or before as_of counts.
    if not facts.inspection_passed or (facts.inspected_on is not None and facts.inspected_on > as_of):
        reasons.append(NO_PASSING_INSPECTION)
    if not facts.registered_to_enterprise:
        reasons.append(NOT_REGISTERED_TO_ENTERPRISE)
    if facts.exported:
        reasons.append(ALREADY_EXPORTED)
    applied_on = applied_on or as_of
    if (applied_on >= policy["aftersales_confirmation_from"]
            and (applied_on - facts.registration_date) <= timedelta(days=policy["aftersales_confirmation_days"])
            and not facts.has_aftersales_confirmation):
        reasons.append(RECENT_REGISTRATION)
    return reasons


# --- Licence validity (货物出口许可证管理办法) -----------------------------------------------------
def licence_valid_until(issued_on: date) -> date:
    """The earlier of add_months(issue date, 6) and 31 December of the issue year."""
    return min(add_months(issued_on, 6), date(issued_on.year, 12, 31))


# --- VIN (GB 16735 / ISO 3779) ------------------------------------------------------------------
VIN_FORMAT = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_TRANSLITERATION = {
    **{c: i + 1 for i, c in enumerate("ABCDEFGH")},
    **{c: i + 1 for i, c in enumerate("JKLMN")},
    "P": 7, "R": 9,
    **{c: i + 2 for i, c in enumerate("STUVWXYZ")},
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

VIN_BAD_FORMAT = Rule("vin_format", "GB 16735", _("VIN 须为17位，只含数字和除 I、O、Q 以外的大写字母。"))
VIN_BAD_CHECK = Rule("vin_check_character", "GB 16735", _("VIN 第9位校验位不正确。"))
VIN_CHECK_WARNING = Rule(
    "vin_check_character_warning", "GB 16735",
    _("VIN 第9位校验位不符。进口车辆的 VIN 常不含校验位：请核对后勾选确认。"),
)


def vin_check_character(vin: str) -> str:
    total = sum((int(ch) if ch.isdigit() else _TRANSLITERATION[ch]) * w for ch, w in zip(vin, _VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


@dataclass(frozen=True)
class VinCheck:
    error: Rule | None = None  # always refused (400)
    warning: Rule | None = None  # refused unless the recording officer confirms

    @property
    def ok(self) -> bool:
        return self.error is None and self.warning is None


def check_vin(vin: str) -> VinCheck:
    """GB 16735: a bad format is always refused; a wrong check character is refused for a VIN made
    in China (first character L) and only a warning for imported vehicles."""
    vin = (vin or "").strip().upper()
    if not VIN_FORMAT.match(vin):
        return VinCheck(error=VIN_BAD_FORMAT)
    if vin_check_character(vin) != vin[8]:
        return VinCheck(error=VIN_BAD_CHECK) if vin.startswith("L") else VinCheck(warning=VIN_CHECK_WARNING)
    return VinCheck()


def make_vin(first8: str, last8: str) -> str:
    """Complete a VIN with its check character (demo data and tests)."""
    draft = first8 + "0" + last8
    return first8 + vin_check_character(draft) + last8


# --- Customs declaration number ---------------------------------------------------------------
DECLARATION_NUMBER = re.compile(r"^\d{4}\d{4}[0E]\d{9}$")

# --- ISO 3166-1 alpha-2: the codes and their names are declared once, in portal.countries -------
is_country_code = countries.is_country_code


# --- Who records what (domain-rules.md table) ----------------------------------------------------
E = EventType
EVENT_TYPES_BY_ROLE: dict[str, frozenset[str]] = {
    Role.ENTERPRISE_USER: frozenset({E.PROCUREMENT, E.REFURBISHMENT, E.SALE, E.AFTERSALES, E.CLAIM, E.REPAIR}),
    Role.POLICE_OFFICER: frozenset(
        {E.TRANSFER_REGISTRATION, E.THEFT_FLAG, E.TRAFFIC_MATTER, E.TRAFFIC_MATTER_CLOSED, E.DEREGISTRATION}
    ),
    Role.CUSTOMS_OFFICER: frozenset({E.CUSTOMS_DECLARATION, E.CUSTOMS_CLEARANCE}),
    Role.INSPECTOR: frozenset({E.INSPECTION}),
    Role.BUREAU_OFFICER: frozenset({E.COMPLAINT, E.INCIDENT}),
    Role.BUREAU_HEAD: frozenset({E.COMPLAINT, E.INCIDENT}),
}
# Recorded by the portal itself, never through append_event by a user.
SYSTEM_EVENT_TYPES = frozenset({E.LICENCE_ISSUED})


def may_record(roles, event_type: str) -> bool:
    return any(event_type in EVENT_TYPES_BY_ROLE.get(role, ()) for role in roles)


def recordable_types(roles) -> list[str]:
    """The event types a user holding `roles` may append (correction included when any)."""
    types = {t for role in roles for t in EVENT_TYPES_BY_ROLE.get(role, ())}
    return [t for t in EventType.values if t in types] + ([E.CORRECTION] if types else [])


# --- Hash chain (domain-rules.md) ----------------------------------------------------------------
GENESIS_HASH = "0" * 64
GENESIS_BYTES = GENESIS_HASH.encode()


def canonical_json(value) -> bytes:
    """domain-rules.md: UTF-8 JSON, sorted keys, no spaces — the one definition of the canonical form."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _event_body(vin, seq, type, occurred_on, payload, recorded_at, recorded_by, prev_hash) -> dict:
    return {
        "vin": vin, "seq": seq, "type": type, "occurred_on": occurred_on, "payload": payload,
        "recorded_at": recorded_at, "recorded_by": recorded_by, "prev_hash": prev_hash,
    }


def event_hash(*, vin: str, seq: int, type: str, occurred_on: str, payload: dict, recorded_at: str,
               recorded_by: str, prev_hash: str) -> str:
    """SHA-256 (hex) of the canonical JSON of the eight fields named in domain-rules.md."""
    body = _event_body(vin, seq, type, occurred_on, payload, recorded_at, recorded_by, prev_hash)
    return hashlib.sha256(canonical_json(body)).hexdigest()


def _has_float(value) -> bool:
    kind = type(value)
    if kind is not dict and kind is not list:
        return kind is float
    for item in value.values() if kind is dict else value:
        kind = type(item)
        if kind is float or ((kind is dict or kind is list) and _has_float(item)):
            return True
    return False


def stored_event_hash(vin: str, seq: int, type: str, occurred_on: str, payload_text: str, recorded_at: str,
                      recorded_by: str, prev_hash: str) -> str:
    """event_hash of an event whose payload is read as its stored JSON text, ten times faster.

    orjson (C) reads and writes the body; its bytes are canonical_json's for strings, integers,
    booleans, nulls, lists and objects (keys sorted by code point), but not for floats (it writes
    1e-05 as 0.00001, and reads integers past 64 bits as floats). A payload with a float, or one
    orjson refuses (nested past 255 levels), goes through event_hash itself. test_hash_chain checks
    that both give one digest."""
    try:
        payload = orjson.loads(payload_text)
        if not _has_float(payload):
            body = _event_body(vin, seq, type, occurred_on, payload, recorded_at, recorded_by, prev_hash)
            return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        pass
    return event_hash(vin=vin, seq=seq, type=type, occurred_on=occurred_on, payload=json.loads(payload_text),
                      recorded_at=recorded_at, recorded_by=recorded_by, prev_hash=prev_hash)


# The canonical JSON of an event body whose eight fields are already in canonical form: the keys in
# canonical_json's order, each value as canonical_json writes it (test_hash_chain proves the bytes equal).
CANONICAL_BODY = (b'{"occurred_on":"%s","payload":%s,"prev_hash":"%s","recorded_at":"%s","recorded_by":%s,'
                  b'"seq":%s,"type":%s,"vin":%s}')
# recorded_at as PostgreSQL writes a UTC timestamp ("2026-06-01 02:03:04.05", no trailing zeros in
# the fraction) → as the hash covers it (selectors.timestamp: "2026-06-01T02:03:04.050000+00:00").
_RECORDED_AT_ENDS = {19: b".000000+00:00", **{length: b"0" * (26 - length) + b"+00:00" for length in range(21, 27)}}
# The values of a flat payload orjson writes as canonical_json does (an integer past 64 bits it reads
# as a float).
_PLAIN_VALUES = frozenset({str, int, bool, type(None)})


def verify_chain_rows(rows, vins: dict[int, str]):
    """verify_chain over many files at once, for rows of bytes ordered by vehicle and seq:
    (vehicle_id, seq, prev_hash, hash, occurred_on, recorded_at, recorded_by, type, payload JSON text, ""),
    occurred_on as the hash covers it, recorded_at as PostgreSQL writes it in UTC (_RECORDED_AT_ENDS). Yields
    (vehicle_id, events, broken_at or None) per file, broken_at the seq verify_chain reports.

    One tight loop, no object per event: the body is CANONICAL_BODY filled with the stored bytes, the
    payload re-written by orjson; a payload orjson cannot write exactly goes through stored_event_hash."""
    body, sha256, loads, dumps, sort, plain, ends = (CANONICAL_BODY, hashlib.sha256, orjson.loads, orjson.dumps,
                                                     orjson.OPT_SORT_KEYS, _PLAIN_VALUES.issuperset, _RECORDED_AT_ENDS)
    strings: dict[bytes, bytes] = {}  # recorded_by and type, as JSON strings
    current, count, broken_at = None, 0, None
    for vehicle_id, seq, prev_hash, digest, occurred_on, recorded_at, recorded_by, type_, payload, _end in rows:
        if vehicle_id != current:
            if current is not None:
                yield int(current), count, broken_at
            current, count, broken_at, expected, prev = vehicle_id, 0, None, 1, GENESIS_BYTES
            vin = vins[int(vehicle_id)]
            vin_json = dumps(vin)
        count += 1
        if broken_at is not None:
            continue
        number = int(seq)
        if number != expected or prev_hash != prev:
            broken_at = number
            continue
        recorded_at = recorded_at.replace(b" ", b"T") + ends.get(len(recorded_at), b"")
        try:  # no float (a flat object's value types tell, else _has_float): orjson writes canonical bytes
            value = loads(payload)
            text = (dumps(value, option=sort) if (type(value) is dict and plain(map(type, value.values())))
                    or not _has_float(value) else None)
        except (orjson.JSONDecodeError, orjson.JSONEncodeError):
            text = None
        if text is not None:
            by_json = strings.get(recorded_by) or strings.setdefault(recorded_by, dumps(recorded_by.decode()))
            type_json = strings.get(type_) or strings.setdefault(type_, dumps(type_.decode()))
            recomputed = sha256(body % (occurred_on, text, prev, recorded_at, by_json, seq, type_json, vin_json))
            recomputed = recomputed.hexdigest().encode()
        else:
            recomputed = stored_event_hash(vin, number, type_.decode(), occurred_on.decode(), payload.decode(),
                                           recorded_at.decode(), recorded_by.decode(), prev.decode()).encode()
        if recomputed != digest:
            broken_at = number
            continue
        prev, expected = digest, expected + 1
    if current is not None:
        yield int(current), count, broken_at


class ChainEntry(NamedTuple):
    """One stored event as the hash covers it; `payload` is the dict, or its JSON text as stored."""

    seq: int
    type: str
    occurred_on: str
    payload: dict | str
    recorded_at: str
    recorded_by: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    valid: bool
    count: int
    head: str
    broken_at: int | None = None


def verify_chain(vin: str, entries: list[ChainEntry]) -> ChainReport:
    """Each event must match its own hash, point to the previous one, and follow seq 1, 2, 3…"""
    prev = GENESIS_HASH
    for expected_seq, (seq, type_, occurred_on, payload, recorded_at, recorded_by, prev_hash, digest) in enumerate(
        entries, start=1
    ):
        if seq == expected_seq and prev_hash == prev:
            if isinstance(payload, str):
                recomputed = stored_event_hash(vin, seq, type_, occurred_on, payload, recorded_at, recorded_by,
                                               prev_hash)
            else:
                recomputed = event_hash(vin=vin, seq=seq, type=type_, occurred_on=occurred_on, payload=payload,
                                        recorded_at=recorded_at, recorded_by=recorded_by, prev_hash=prev_hash)
            if recomputed == digest:
                prev = digest
                continue
        return ChainReport(False, len(entries), entries[-1].hash, broken_at=seq)
    return ChainReport(True, len(entries), prev if entries else "")


# --- The file's facts, folded from its events (corrections applied) -------------------------------
@dataclass
class FileState:
    registered_to_enterprise_on: date | None = None
    declaration_numbers: set = field(default_factory=set)
    cleared_on: date | None = None
    clearance_seq: int | None = None
    deregistered_on: date | None = None
    destination_country: str = ""
    stolen: bool = False
    assembled: bool = False
    scrapped: bool = False
    inspection_conclusion: str = ""
    inspected_on: date | None = None
    open_traffic_matters: set = field(default_factory=set)


def effective_events(events: list[tuple[int, str, date, dict]]) -> list[tuple[int, str, date, dict]]:
    """Apply corrections: a correction's fields replace those of the event it points to;
    `withdrawn: true` removes that event from the facts (it stays in the file)."""
    by_seq = {seq: [seq, type_, occurred_on, dict(payload)] for seq, type_, occurred_on, payload in events
              if type_ != E.CORRECTION}
    for _seq, type_, _occurred_on, payload in events:
        if type_ != E.CORRECTION or payload.get("corrects_seq") not in by_seq:
            continue
        target = by_seq[payload["corrects_seq"]]
        if payload.get("withdrawn"):
            del by_seq[payload["corrects_seq"]]
            continue
        for key, value in payload.items():
            if key in ("corrects_seq", "reason", "attachments"):
                continue
            if key == "occurred_on":
                target[2] = date.fromisoformat(value)
            else:
                target[3][key] = value
    return [tuple(item) for _, item in sorted(by_seq.items())]


def fold_file(events: list[tuple[int, str, date, dict]]) -> FileState:
    """The facts the rules read, from the file's events (oldest first)."""
    state = FileState()
    for seq, type_, occurred_on, payload in effective_events(events):
        if type_ == E.TRANSFER_REGISTRATION:
            state.registered_to_enterprise_on = occurred_on
        elif type_ == E.INSPECTION:
            state.inspection_conclusion = payload.get("conclusion", "")
            state.inspected_on = occurred_on
            state.assembled = state.assembled or bool(payload.get("assembled"))
        elif type_ == E.CUSTOMS_DECLARATION:
            state.declaration_numbers.add(payload.get("declaration_number"))
        elif type_ == E.CUSTOMS_CLEARANCE:
            state.cleared_on, state.clearance_seq = occurred_on, seq
        elif type_ == E.SALE:
            state.destination_country = payload.get("destination_country", state.destination_country)
        elif type_ == E.LICENCE_ISSUED and not state.destination_country:
            state.destination_country = payload.get("destination_country", "")
        elif type_ == E.THEFT_FLAG:
            state.stolen = True
        elif type_ == E.TRAFFIC_MATTER:
            state.open_traffic_matters.add(payload.get("reference"))
        elif type_ == E.TRAFFIC_MATTER_CLOSED:
            state.open_traffic_matters.discard(payload.get("reference"))
        elif type_ == E.DEREGISTRATION:
            state.deregistered_on = occurred_on
            state.scrapped = state.scrapped or payload.get("reason") == "scrapped"
    return state


@dataclass(frozen=True)
class Qualification:
    """One row of the inspection-body register, as plain values."""

    number: str
    covers_motor_vehicles: bool
    valid_from: date
    valid_until: date


def inspection_body_refusal(qualifications: list[Qualification], number: str, inspected_on: date) -> Rule | None:
    """办法第九条, 实施方案三(二): the body holds a qualification covering motor vehicles, valid on the
    inspection date; `number` must be one of the body's registered numbers (checked by the caller)."""
    for q in qualifications:
        if q.number == number and q.covers_motor_vehicles and q.valid_from <= inspected_on <= q.valid_until:
            return None
    return INSPECTION_BODY_NOT_QUALIFIED


def clearance_refusals(state: FileState, declaration_number: str) -> list[Rule]:
    """domain-rules v1.1: a clearance needs a declaration of the same VIN, with its number, first."""
    if declaration_number not in state.declaration_numbers:
        return [NOT_DECLARED]
    return []


def deregistration_refusals(state: FileState) -> list[Rule]:
    """办法第六条: deregistration after customs clearance, once traffic matters are closed."""
    reasons = []
    if state.cleared_on is None:
        reasons.append(NOT_CLEARED)
    if state.open_traffic_matters:
        reasons.append(OPEN_TRAFFIC_MATTER)
    return reasons


def prefixed(rule: Rule, vin: str) -> Refusal:
    """A refusal naming the vehicle it is about (licences list several)."""
    return Refusal(rule.code, str(rule.article), f"{vin}：{rule.message}")

"""The hand-written baseline: one SQL statement per compliance rule (issue 10 point 2).

Each statement computes, from nothing, the obligations the rule has as on a day — the rows, their
status (open / met / overdue), met_on and overdue_since — the result compliance.run_compliance
reaches on an empty obligation table. bench_compliance.py times them, each writing its rows into the
emptied obligation table, against the sweep's rule steps doing the same, and checks the two agree
row for row; generate.py writes them as "yesterday's run".

Every statement selects the same columns (RESULT_COLUMNS), from an inner query per rule with
its rows, due date, first fulfilling act (met_on) and whether it may fall overdue; the outer
query turns those into the status. %(d)s is the day (a date).
"""

from django.db import connection

from compliance.models import NetworkKind, RuleCode

RESULT_COLUMNS = ["rule", "enterprise_id", "vehicle_id", "licence_id", "rectification_order_id", "period_key",
                  "period_start", "due_on", "status", "met_on", "overdue_since", "target"]
ACTIVE = "('designated', 'suspended')"
LEFT = "('exited', 'revoked')"
D = "%(d)s::date"

OUTER = f"""
SELECT %(rule)s::varchar AS rule, enterprise_id, vehicle_id, licence_id, rectification_order_id, period_key,
       period_start, due_on,
       CASE WHEN met_on IS NOT NULL THEN 'met' WHEN due_on < {D} AND may_overdue THEN 'overdue' ELSE 'open' END
         AS status,
       met_on,
       CASE WHEN met_on IS NULL AND due_on < {D} AND may_overdue THEN due_on + 1 END AS overdue_since,
       target
FROM ({{inner}}) AS x
"""

# 办法第六条: each cleared vehicle deregistered within add_months(clearance, 2).
DEREGISTRATION_2M = f"""
SELECT v.enterprise_id, v.id AS vehicle_id, NULL::bigint AS licence_id, NULL::bigint AS rectification_order_id,
       'clearance' AS period_key, v.cleared_on AS period_start,
       (v.cleared_on + INTERVAL '2 months')::date AS due_on,
       CASE WHEN v.deregistered_on <= (v.cleared_on + INTERVAL '2 months')::date AND v.deregistered_on <= {D}
            THEN v.deregistered_on END AS met_on,
       true AS may_overdue, NULL::integer AS target
FROM traceability_vehicle v
WHERE v.cleared_on IS NOT NULL AND v.cleared_on <= {D}
"""


def _pilot_rule(months: int, met_on: str, *, target: str = "NULL::integer") -> str:
    """An enterprise-level rule of 办法第八条: one row per active pilot, from its designation."""
    due = f"(o.designated_on + INTERVAL '{months} months')::date"
    return f"""
SELECT o.id AS enterprise_id, NULL::bigint AS vehicle_id, NULL::bigint AS licence_id,
       NULL::bigint AS rectification_order_id, 'designation' AS period_key, o.designated_on AS period_start,
       {due} AS due_on, {met_on.format(due=due, start="o.designated_on")} AS met_on,
       o.pilot_status IN {ACTIVE} AS may_overdue, {target} AS target
FROM portal_organisation o
WHERE o.pilot_status IN {ACTIVE} AND o.designated_on <= {D}
"""


_FIRST_EXPORT = f"""(SELECT min(v.cleared_on) FROM traceability_vehicle v
    WHERE v.enterprise_id = o.id AND v.cleared_on >= {{start}} AND v.cleared_on <= {{due}} AND v.cleared_on <= {D})"""
_NETWORKS = f"""(SELECT CASE WHEN count(*) = {len(NetworkKind)} THEN max(first) END FROM (
    SELECT r.kind, min(r.decided_on) AS first FROM compliance_networkreport r
    WHERE r.enterprise_id = o.id AND r.status = 'accepted' AND r.decided_on <= {{due}} AND r.decided_on <= {D}
    GROUP BY r.kind) k)"""
_SCALE_TARGET = "coalesce((SELECT t.vehicles FROM compliance_scaletarget t WHERE t.enterprise_id = o.id), 1)"
_SCALE = f"""(SELECT CASE WHEN count(*) >= {_SCALE_TARGET} THEN max(v.cleared_on) END FROM traceability_vehicle v
    WHERE v.enterprise_id = o.id AND v.cleared_on >= {{start}} AND v.cleared_on <= {{due}} AND v.cleared_on <= {D})"""

# 办法第十二条第2项 (domain-rules v1.1): every start — the designation and each day with an export since —
# opens 12 months within which the next export must follow (two starts on one day are one obligation).
NO_EXPORT_12M = f"""
SELECT s.enterprise_id, NULL::bigint AS vehicle_id, NULL::bigint AS licence_id,
       NULL::bigint AS rectification_order_id, s.start::text AS period_key, s.start AS period_start,
       (s.start + INTERVAL '12 months')::date AS due_on,
       (SELECT min(v.cleared_on) FROM traceability_vehicle v
        WHERE v.enterprise_id = s.enterprise_id AND v.cleared_on > s.start
          AND v.cleared_on <= (s.start + INTERVAL '12 months')::date AND v.cleared_on <= {D}) AS met_on,
       true AS may_overdue, NULL::integer AS target
FROM (SELECT o.id AS enterprise_id, o.designated_on AS start
      FROM portal_organisation o WHERE o.pilot_status IN {ACTIVE} AND o.designated_on <= {D}
      UNION
      SELECT o.id, v.cleared_on
      FROM portal_organisation o JOIN traceability_vehicle v ON v.enterprise_id = o.id
      WHERE o.pilot_status IN {ACTIVE} AND o.designated_on <= {D}
        AND v.cleared_on >= o.designated_on AND v.cleared_on <= {D}) s
"""

# 办法第十二条第6项: a rectification order accepted, answered by its deadline.
RECTIFICATION = f"""
SELECT r.enterprise_id, NULL::bigint AS vehicle_id, NULL::bigint AS licence_id, r.id AS rectification_order_id,
       'order:' || r.id AS period_key, r.ordered_on AS period_start, r.deadline AS due_on,
       CASE WHEN r.status = 'accepted' AND r.answered_on <= r.deadline AND r.answered_on <= {D}
            THEN r.answered_on END AS met_on,
       NOT (r.status = 'answered' AND r.answered_on <= r.deadline) AS may_overdue, NULL::integer AS target
FROM compliance_rectificationorder r
WHERE r.ordered_on IS NOT NULL AND r.ordered_on <= {D}
"""

# 办法第十四条: after exit, one year of after-sales duty per vehicle exported before the exit.
AFTERSALES_1Y = f"""
SELECT v.enterprise_id, v.id AS vehicle_id, NULL::bigint AS licence_id, NULL::bigint AS rectification_order_id,
       'after_exit' AS period_key, o.pilot_status_changed_on AS period_start,
       (v.cleared_on + INTERVAL '12 months')::date AS due_on,
       CASE WHEN (v.cleared_on + INTERVAL '12 months')::date < {D}
            THEN (v.cleared_on + INTERVAL '12 months')::date END AS met_on,
       false AS may_overdue, NULL::integer AS target
FROM traceability_vehicle v JOIN portal_organisation o ON o.id = v.enterprise_id
WHERE o.pilot_status IN {LEFT} AND v.cleared_on IS NOT NULL AND o.pilot_status_changed_on <= {D}
  AND (v.cleared_on + INTERVAL '12 months')::date >= o.pilot_status_changed_on
  AND v.cleared_on <= o.pilot_status_changed_on
"""

# 货物出口许可证管理办法: an issued licence used within its validity.
LICENCE_EXPIRY = f"""
SELECT l.enterprise_id, NULL::bigint AS vehicle_id, l.id AS licence_id, NULL::bigint AS rectification_order_id,
       'licence:' || l.id AS period_key, l.issued_on AS period_start, l.valid_until AS due_on,
       CASE WHEN l.used_on <= l.valid_until AND l.used_on <= {D} THEN l.used_on END AS met_on,
       true AS may_overdue, NULL::integer AS target
FROM traceability_licence l
WHERE l.issued_on IS NOT NULL AND l.issued_on <= {D} AND l.valid_until IS NOT NULL
  AND l.status IN ('issued', 'used', 'expired')
"""

INNER = {
    RuleCode.DEREGISTRATION_2M: DEREGISTRATION_2M,
    RuleCode.FIRST_EXPORT_6M: _pilot_rule(6, _FIRST_EXPORT),
    RuleCode.NETWORKS_9M: _pilot_rule(9, _NETWORKS),
    RuleCode.SCALE_3Y: _pilot_rule(36, _SCALE, target=_SCALE_TARGET),
    RuleCode.NO_EXPORT_12M: NO_EXPORT_12M,
    RuleCode.RECTIFICATION: RECTIFICATION,
    RuleCode.AFTERSALES_1Y: AFTERSALES_1Y,
    RuleCode.LICENCE_EXPIRY: LICENCE_EXPIRY,
}
assert set(INNER) == set(RuleCode.values)


def statement(rule: str) -> str:
    """The one SQL statement of `rule` (parameters: d, rule)."""
    return OUTER.format(inner=INNER[rule])


def params(rule: str, day) -> dict:
    return {"d": day, "rule": str(rule)}


def insert_obligations(rule: str, day) -> int:
    """INSERT the rule's rows into compliance_obligation (its indexes, constraints and foreign keys),
    exactly as the portal's own step must; answers the rows inserted."""
    cols = ", ".join(RESULT_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO compliance_obligation ({cols}, created_at, updated_at) "
            f"SELECT {cols}, now(), now() FROM ({statement(rule)}) s ON CONFLICT DO NOTHING",
            params(rule, day),
        )
        return cursor.rowcount


def materialise_obligations(day) -> int:
    """Write every rule's rows as obligations (what a run on `day` leaves), overdue ones with a
    violation already notified, so the next day's run does one day's work."""
    made = sum(insert_obligations(rule, day) for rule in INNER)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO compliance_violation (obligation_id, rule, enterprise_id, vehicle_id, overdue_since,"
            " notified_at, created_at) SELECT id, rule, enterprise_id, vehicle_id, overdue_since, now(), now()"
            " FROM compliance_obligation o WHERE status = 'overdue'"
            " AND NOT EXISTS (SELECT 1 FROM compliance_violation w WHERE w.obligation_id = o.id)"
        )
    return made

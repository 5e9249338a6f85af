"""Issue 18 point 5: timelines, notifications and the audit log show words, never codes."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from portal import logdisplay
from portal.activity import log_action, timeline_for
from portal.models import Organisation, PilotStatus

ROOT = Path(__file__).resolve().parents[2]
APPS = ("portal", "applications", "review", "traceability", "compliance", "supervision", "casework")
# log_action(obj, "code" …), log_actions(objs, "code" …), and record_decision(…, action="code").
LOGGED = re.compile(r"""(?:log_actions?\([^,()]+,\s*|action=)f?"([a-z_]+\.[a-z_.{}]+)\"""")


def logged_codes() -> set[str]:
    codes = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" not in path.parts and "migrations" not in path.parts:
                codes |= set(LOGGED.findall(path.read_text(encoding="utf-8")))
    return codes


def expansions() -> dict[str, list[str]]:
    """The codes an f-string in the source can log: each family's members."""
    from applications.models import ApplicationStatus
    from portal.corrections import LateCorrection
    from review.rules import StageKind
    from traceability.models import LicenceChange

    return {
        "licence.{action}d": ["licence.prepared", "licence.issued"],
        "licence.{change}": [f"licence.{c}" for c in LicenceChange.values],
        "application.{app.status}": [f"application.{s}" for s in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)],
        "application.correction_{consequence.value}": [f"application.correction_{c}" for c in LateCorrection.values],
        "review.stage.{stage}": [f"review.stage.{s}" for s in StageKind.values],
    }


def test_the_scan_finds_the_codes_the_source_logs():
    codes = logged_codes()
    assert {"application.accepted", "casework.decision_authorised", "complaint.received"} <= codes
    assert len(codes) > 40


@pytest.mark.parametrize("code", sorted(logged_codes()))
def test_every_logged_action_code_has_its_label(code):
    if "{" in code:
        assert code in expansions(), f"{code}: add the family's members to expansions()"
        members = expansions()[code]
    else:
        members = [code]
    for member in members:
        assert logdisplay.has_label(member), f"{member} has no label in its app's history.py"


def test_a_timeline_shows_the_action_and_the_status_in_words(db, bureau_officer):
    org = Organisation.objects.create(name="太原示例车贸有限公司", uscc="91140100MA0XXXXX1A", kind="enterprise")
    log_action(org, "integration_key.issued", bureau_officer, to_status=PilotStatus.DESIGNATED)
    entry = timeline_for(org).get()
    assert logdisplay.action_label(entry.action) == "签发接口密钥"
    assert logdisplay.value_label(Organisation, "pilot_status", "designated") == str(PilotStatus.DESIGNATED.label)


def test_the_audit_log_says_which_field_changed_and_its_values_in_words(db):
    from auditlog.models import LogEntry

    org = Organisation.objects.create(name="太原示例车贸有限公司", uscc="91140100MA0XXXXX1A", kind="enterprise")
    org.pilot_status, org.designated_on = PilotStatus.DESIGNATED, date(2026, 3, 1)
    org.save()
    entry = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Organisation),
                                    object_pk=str(org.pk)).order_by("-id").first()
    rows = logdisplay.describe_changes(entry)
    pilot = [row for row in rows if row[2] == str(PilotStatus.DESIGNATED.label)]
    assert pilot, rows
    assert pilot[0][0] == str(Organisation._meta.get_field("pilot_status").verbose_name)
    assert "designated" not in str(rows)


def test_a_decision_logged_on_its_case_shows_the_decisions_status_in_words(db, bureau_officer):
    """Issue 18 point 5: "拟办决定 → prepared" read "→ 已拟办，待负责人签发" on the case's timeline."""
    from casework.models import DecisionStatus

    org = Organisation.objects.create(name="太原示例车贸有限公司", uscc="91140100MA0XXXXX1A", kind="enterprise")
    log_action(org, "casework.decision_prepared", bureau_officer, to_status=DecisionStatus.PREPARED)
    entry = timeline_for(org).get()
    assert logdisplay.status_label(entry, entry.to_status) == str(DecisionStatus.PREPARED.label)

"""Issue 9 point 6: audit entries are kept at least 180 days and are not editable by anyone in the portal."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from portal.audit import record_read

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_a_superuser_cannot_add_change_or_delete_audit_entries_in_the_admin(admin_client, enterprise_user):
    entry = record_read(enterprise_user, enterprise_user)
    change = admin_client.get(f"/admin/auditlog/logentry/{entry.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_client.post(f"/admin/auditlog/logentry/{entry.pk}/change/", {"action": 0}).status_code == 403
    assert admin_client.get("/admin/auditlog/logentry/add/").status_code == 403
    assert admin_client.post(f"/admin/auditlog/logentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_no_portal_code_deletes_or_edits_audit_entries():
    pattern = re.compile(r"LogEntry\.objects[^\n]*\.(delete|update)\(|logentry[^\n]*\.delete\(", re.I)
    offenders = []
    for app in ("portal", "applications", "review", "traceability", "compliance", "supervision"):
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_database_refuses_to_delete_an_entry_younger_than_180_days(enterprise_user):
    entry = record_read(enterprise_user, enterprise_user)
    with pytest.raises(DatabaseError, match="kept 180 days"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM auditlog_logentry WHERE id = %s", [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_to_edit_any_entry(enterprise_user):
    entry = record_read(enterprise_user, enterprise_user)
    with pytest.raises(DatabaseError, match="never edited"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="nothing happened")


def test_an_entry_older_than_180_days_may_be_purged(enterprise_user):
    entry = record_read(enterprise_user, enterprise_user)
    old = LogEntry.objects.create(
        content_type=entry.content_type, object_pk=entry.object_pk, object_repr=entry.object_repr,
        action=LogEntry.Action.ACCESS, changes={}, timestamp=timezone.now() - timedelta(days=181),
    )
    LogEntry.objects.filter(pk=old.pk).delete()
    assert not LogEntry.objects.filter(pk=old.pk).exists()

"""Issue 9 point 8 and 22 point 7: `make backup` / `make restore` — an encrypted backup restored into a fresh
database finds every record."""

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from portal.audit import record_read
from portal.models import Notification
from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user
from tests.fixtures import database_url_of

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    return database_url_of(connection)


def run(script: str, *args: str, env: dict) -> str:
    result = subprocess.run([str(ROOT / "scripts" / script), *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def query(target: str, sql: str) -> list[tuple]:
    import psycopg2

    db = connection.settings_dict
    con = psycopg2.connect(dbname=target, user=db["USER"] or "postgres", host=db["HOST"] or "127.0.0.1",
                           port=db["PORT"] or 5432, password=db["PASSWORD"] or None)
    try:
        cursor = con.cursor()
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        con.close()


@pytest.fixture
def restore_target(tmp_path):
    from portal.embedded import postgres_bin

    name = f"{connection.settings_dict['NAME']}_restored"
    drop = [postgres_bin() / "psql", "-h", connection.settings_dict["HOST"] or "127.0.0.1", "-U",
            connection.settings_dict["USER"] or "postgres", "-d", "postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}"']
    subprocess.run(drop, check=True, capture_output=True)
    yield name
    subprocess.run(drop, check=True, capture_output=True)


def test_a_backup_restored_into_a_fresh_database_holds_every_record_and_file(tmp_path, restore_target, settings):
    media = tmp_path / "media"
    (media / "applications" / "2026" / "03").mkdir(parents=True)
    stored = media / "applications" / "2026" / "03" / "4f1c0e9a"
    stored.write_bytes(b"%PDF-1.7 business plan\n%%EOF\n")
    enterprise = PilotEnterpriseFactory(name="太原备份测试汽车贸易有限公司")
    user = make_user(Role.ENTERPRISE_USER, organisation=enterprise)
    Notification.objects.create(recipient=user, code="backup.test", title="备份测试通知", body="正文")
    record_read(user, enterprise)
    expected = {
        "organisations": sorted(r[0] for r in query_live("SELECT name FROM portal_organisation")),
        "users": sorted(r[0] for r in query_live("SELECT username FROM portal_user")),
        "notifications": query_live("SELECT count(*) FROM portal_notification")[0][0],
        "audit": query_live("SELECT count(*) FROM auditlog_logentry")[0][0],
    }
    assert "太原备份测试汽车贸易有限公司" in expected["organisations"] and expected["audit"] >= 2

    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media),
           "BACKUP_PASSPHRASE_FILE": passphrase_file(tmp_path)}
    backup_dir = Path(run("backup.sh", str(tmp_path / "backups"), env=env).strip().splitlines()[-1])
    assert (backup_dir / "SHA256SUMS").exists()
    dump = backup_dir / "database.dump.gpg"
    assert sorted(p.name for p in backup_dir.iterdir()) == sorted(["SHA256SUMS", dump.name, "media.tar.gz.gpg"])
    ciphertext = dump.read_bytes()
    assert b"PGDMP" not in ciphertext[:16] and "太原备份测试".encode() not in ciphertext  # nothing readable

    restored_media = tmp_path / "restored-media"
    run("restore.sh", str(backup_dir), env={**env, "RESTORE_DB": restore_target,
                                            "RESTORE_MEDIA_ROOT": str(restored_media)})

    assert sorted(r[0] for r in query(restore_target, "SELECT name FROM portal_organisation")) == expected["organisations"]
    assert sorted(r[0] for r in query(restore_target, "SELECT username FROM portal_user")) == expected["users"]
    assert query(restore_target, "SELECT count(*) FROM portal_notification")[0][0] == expected["notifications"]
    assert query(restore_target, "SELECT count(*) FROM auditlog_logentry")[0][0] == expected["audit"]
    assert query(restore_target, "SELECT title FROM portal_notification") == [("备份测试通知",)]
    restored_file = restored_media / "applications" / "2026" / "03" / "4f1c0e9a"
    assert hashlib.sha256(restored_file.read_bytes()).digest() == hashlib.sha256(stored.read_bytes()).digest()


def passphrase_file(tmp_path) -> str:
    path = tmp_path / "backup-passphrase"
    path.write_text("correct horse battery staple 2026\n")
    path.chmod(0o600)
    return str(path)


def test_an_encrypted_backup_does_not_restore_with_a_wrong_passphrase(tmp_path, restore_target):
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(tmp_path / "media"),
           "BACKUP_PASSPHRASE_FILE": passphrase_file(tmp_path)}
    backup_dir = Path(run("backup.sh", str(tmp_path / "backups"), env=env).strip().splitlines()[-1])
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    result = subprocess.run([str(ROOT / "scripts" / "restore.sh"), str(backup_dir)], cwd=ROOT,
                            env={**env, "BACKUP_PASSPHRASE_FILE": str(wrong), "RESTORE_DB": restore_target,
                                 "RESTORE_MEDIA_ROOT": str(tmp_path / "m")},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "cannot decrypt" in result.stderr


def query_live(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_restore_refuses_to_overwrite_an_existing_database(tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(tmp_path / "media"),
           "BACKUP_PASSPHRASE_FILE": passphrase_file(tmp_path)}
    backup_dir = Path(run("backup.sh", str(tmp_path / "backups"), env=env).strip().splitlines()[-1])
    existing = connection.settings_dict["NAME"]
    result = subprocess.run([str(ROOT / "scripts" / "restore.sh"), str(backup_dir)], cwd=ROOT,
                            env={**env, "RESTORE_DB": str(existing), "RESTORE_MEDIA_ROOT": str(tmp_path / "m2")},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "exists" in result.stderr


def test_restore_refuses_a_backup_whose_checksum_does_not_match(tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(tmp_path / "media"),
           "BACKUP_PASSPHRASE_FILE": passphrase_file(tmp_path)}
    backup_dir = Path(run("backup.sh", str(tmp_path / "backups"), env=env).strip().splitlines()[-1])
    with open(backup_dir / "media.tar.gz.gpg", "ab") as f:
        f.write(b"tampered")
    result = subprocess.run([str(ROOT / "scripts" / "restore.sh"), str(backup_dir)], cwd=ROOT,
                            env={**env, "RESTORE_DB": "portal_never_restored", "RESTORE_MEDIA_ROOT": str(tmp_path / "m")},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "checksum" in result.stderr



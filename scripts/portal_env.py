"""Print the database and media settings as shell assignments (used by backup.sh and restore.sh).

PG_BIN: client tools of the server's own major version (portal.embedded.client_tools_for): pg_dump
refuses a newer server, and pg_restore 18 writes settings a 15 server does not know."""

import os
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
from django.db import connection  # noqa: E402

from portal.embedded import client_tools_for  # noqa: E402

db = settings.DATABASES["default"]
connection.ensure_connection()
server_major = connection.pg_version // 10000
connection.close()

values = {
    "DB_NAME": str(db["NAME"]),
    "DB_HOST": db.get("HOST") or "127.0.0.1",
    "DB_PORT": str(db.get("PORT") or 5432),
    "DB_USER": db.get("USER") or "postgres",
    "DB_PASSWORD": db.get("PASSWORD") or "",
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "PG_BIN": str(client_tools_for(server_major)),
    "BACKUP_PASSPHRASE_FILE": settings.BACKUP_PASSPHRASE_FILE,
}
for key, value in values.items():
    print(f"{key}={shlex.quote(value)}")

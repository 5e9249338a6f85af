#!/usr/bin/env bash
# Back up the portal: the database and the uploaded files (MEDIA_ROOT), from the same environment
# the portal runs with (DATABASE_URL, MEDIA_ROOT, PORTAL_EMBEDDED...).
#
#   scripts/backup.sh [OUTDIR]        (make backup; OUTDIR defaults to $BACKUP_DIR or var/backups)
#
# Writes OUTDIR/portal-YYYYmmdd-HHMMSS/ with
#   database.dump     PostgreSQL: pg_dump -Fc (custom format, for pg_restore)
#   database.sqlite3  SQLite (the embedded default): a consistent copy made with SQLite's backup API
#   media.tar.gz      every uploaded file, paths relative to MEDIA_ROOT
#   SHA256SUMS        checked by scripts/restore.sh before it changes anything
# Each data file is encrypted (issue 22 point 7: the dump holds personal data) with gpg, AES-256,
# the passphrase read from BACKUP_PASSPHRASE_FILE, and kept only as FILE.gpg.
# and prints that directory's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-$PWD/.venv/bin/python}"
export PORTAL_EMBEDDED="${PORTAL_EMBEDDED:-1}"

eval "$("$PY" scripts/portal_env.py)"

out_root="${1:-${BACKUP_DIR:-var/backups}}"
dest="$out_root/portal-$(date +%Y%m%d-%H%M%S)"
n=1
while [ -e "$dest" ]; do dest="$out_root/portal-$(date +%Y%m%d-%H%M%S)-$n"; n=$((n + 1)); done
mkdir -p "$dest"
chmod 700 "$dest"

case "$DB_VENDOR" in
  postgresql)
    PGPASSWORD="$DB_PASSWORD" pg_dump --format=custom --no-owner --no-privileges \
      --host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER" --file="$dest/database.dump" "$DB_NAME"
    ;;
  sqlite)
    "$PY" -c 'import sqlite3, sys
src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2])
with dst: src.backup(dst)
dst.close(); src.close()' "$DB_NAME" "$dest/database.sqlite3"
    ;;
  *) echo "backup: unsupported database vendor $DB_VENDOR" >&2; exit 1 ;;
esac

if [ -d "$MEDIA_ROOT" ]; then
  tar -czf "$dest/media.tar.gz" -C "$MEDIA_ROOT" .
else
  tar -czf "$dest/media.tar.gz" -T /dev/null
fi

# Encrypt, then keep only the ciphertext (the folder is 0700 meanwhile).
key="${BACKUP_PASSPHRASE_FILE:?backup: set BACKUP_PASSPHRASE_FILE (a file holding the backup passphrase)}"
if [ ! -s "$key" ]; then
  [ "$PORTAL_EMBEDDED" = 1 ] || { echo "backup: $key is missing or empty" >&2; exit 2; }
  mkdir -p "$(dirname "$key")"; (umask 077; "$PY" -c 'import secrets; print(secrets.token_urlsafe(32))' > "$key")
  echo "backup: generated a passphrase in $key — keep a copy apart from the backups" >&2
fi
GNUPGHOME="$(mktemp -d)"; export GNUPGHOME; trap 'rm -rf "$GNUPGHOME"' EXIT
for f in "$dest"/database.* "$dest/media.tar.gz"; do
  gpg --batch --quiet --yes --pinentry-mode loopback --passphrase-file "$key" \
    --symmetric --cipher-algo AES256 --output "$f.gpg" "$f"
  rm -f "$f"
done
(cd "$dest" && sha256sum database.*.gpg media.tar.gz.gpg > SHA256SUMS)
echo "backup: $DB_VENDOR database $DB_NAME and $MEDIA_ROOT saved" >&2
echo "$dest"

#!/usr/bin/env bash
# Back up the portal: the database and the uploaded files (MEDIA_ROOT), from the same environment
# the portal runs with (DATABASE_URL, MEDIA_ROOT). On the embedded default, run it as `make backup`.
#
#   scripts/backup.sh [OUTDIR]        (make backup; OUTDIR defaults to $BACKUP_DIR or var/backups)
#
# Writes OUTDIR/portal-YYYYmmdd-HHMMSS/ with
#   database.dump     pg_dump -Fc (custom format, for pg_restore)
#   media.tar.gz      every uploaded file, paths relative to MEDIA_ROOT
#   SHA256SUMS        checked by scripts/restore.sh before it changes anything
# Each data file is encrypted (issue 22 point 7: the dump holds personal data) with gpg, AES-256,
# the passphrase read from BACKUP_PASSPHRASE_FILE, and kept only as FILE.gpg.
# and prints that directory's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-$PWD/.venv/bin/python}"

eval "$("$PY" scripts/portal_env.py)"

out_root="${1:-${BACKUP_DIR:-var/backups}}"
dest="$out_root/portal-$(date +%Y%m%d-%H%M%S)"
n=1
while [ -e "$dest" ]; do dest="$out_root/portal-$(date +%Y%m%d-%H%M%S)-$n"; n=$((n + 1)); done
mkdir -p "$dest"
chmod 700 "$dest"

PGPASSWORD="$DB_PASSWORD" "$PG_BIN/pg_dump" --format=custom --no-owner --no-privileges \
  --host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER" --file="$dest/database.dump" "$DB_NAME"

if [ -d "$MEDIA_ROOT" ]; then
  tar -czf "$dest/media.tar.gz" -C "$MEDIA_ROOT" .
else
  tar -czf "$dest/media.tar.gz" -T /dev/null
fi

# Encrypt, then keep only the ciphertext (the folder is 0700 meanwhile).
key="${BACKUP_PASSPHRASE_FILE:?backup: set BACKUP_PASSPHRASE_FILE (a file holding the backup passphrase)}"
if [ ! -s "$key" ]; then
  [ "${PORTAL_EMBEDDED:-}" = 1 ] || { echo "backup: $key is missing or empty" >&2; exit 2; }
  mkdir -p "$(dirname "$key")"; (umask 077; "$PY" -c 'import secrets; print(secrets.token_urlsafe(32))' > "$key")
  echo "backup: generated a passphrase in $key — keep a copy apart from the backups" >&2
fi
GNUPGHOME="$(mktemp -d)"; export GNUPGHOME; trap 'rm -rf "$GNUPGHOME"' EXIT
for f in "$dest/database.dump" "$dest/media.tar.gz"; do
  gpg --batch --quiet --yes --pinentry-mode loopback --passphrase-file "$key" \
    --symmetric --cipher-algo AES256 --output "$f.gpg" "$f"
  rm -f "$f"
done
(cd "$dest" && sha256sum database.dump.gpg media.tar.gz.gpg > SHA256SUMS)
echo "backup: database $DB_NAME and $MEDIA_ROOT saved" >&2
echo "$dest"

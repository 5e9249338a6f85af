#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a FRESH database and an empty media folder.
#
#   scripts/restore.sh BACKUP_DIR      (make restore BACKUP=var/backups/portal-YYYYmmdd-HHMMSS)
#
# Target: RESTORE_DB (a database name, created here and refused if it exists), default the
# configured database; RESTORE_MEDIA_ROOT,
# default MEDIA_ROOT, must be empty or absent. Nothing is overwritten: to restore over the running
# portal, stop it, move the old database and media away, then run this.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-$PWD/.venv/bin/python}"

backup="${1:?usage: scripts/restore.sh BACKUP_DIR}"
[ -f "$backup/SHA256SUMS" ] || { echo "restore: $backup/SHA256SUMS not found" >&2; exit 2; }
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || { echo "restore: checksum mismatch in $backup" >&2; exit 2; }

eval "$("$PY" scripts/portal_env.py)"
# An encrypted backup (backup.sh): decrypted into a private temporary folder, removed on exit.
if compgen -G "$backup/*.gpg" >/dev/null; then
  key="${BACKUP_PASSPHRASE_FILE:?restore: set BACKUP_PASSPHRASE_FILE to the backup passphrase file}"
  plain="$(mktemp -d)"; GNUPGHOME="$(mktemp -d)"; export GNUPGHOME
  trap 'rm -rf "$plain" "$GNUPGHOME"' EXIT
  for f in "$backup"/*.gpg; do
    gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$key" --decrypt \
      --output "$plain/$(basename "${f%.gpg}")" "$f" || { echo "restore: cannot decrypt $f (wrong passphrase?)" >&2; exit 2; }
  done
  backup="$plain"
fi
target_db="${RESTORE_DB:-$DB_NAME}"
target_media="${RESTORE_MEDIA_ROOT:-$MEDIA_ROOT}"

if [ -d "$target_media" ] && [ -n "$(ls -A "$target_media")" ]; then
  echo "restore: $target_media is not empty; set RESTORE_MEDIA_ROOT or move it away" >&2; exit 2
fi

[ -f "$backup/database.dump" ] || { echo "restore: $backup has no database dump" >&2; exit 2; }
export PGPASSWORD="$DB_PASSWORD"
conn=(--host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER")
if [ -n "$("$PG_BIN/psql" "${conn[@]}" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '${target_db//\'/\'\'}'")" ]; then
  echo "restore: database $target_db exists; set RESTORE_DB to a new name or drop it first" >&2; exit 2
fi
"$PG_BIN/createdb" "${conn[@]}" "$target_db"
"$PG_BIN/pg_restore" "${conn[@]}" --no-owner --no-privileges --exit-on-error --dbname="$target_db" "$backup/database.dump"

mkdir -p "$target_media"
tar -xzf "$backup/media.tar.gz" -C "$target_media"
echo "restore: database $target_db and media $target_media restored from $backup" >&2

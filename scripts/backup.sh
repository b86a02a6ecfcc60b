#!/bin/sh
# Back up ECM Assess: the database and the uploaded files (issue 25 §5; README "Backups").
#
#   scripts/backup.sh /var/backups/ecm          # writes /var/backups/ecm/ecm-YYYYmmddTHHMMSSZ/
#
# Reads the same environment as the site: DATABASE_URL (PostgreSQL), and either the bucket's
# settings (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, keys...) or MEDIA_ROOT. Writes:
#   database.dump   pg_dump's custom format (-Fc): compressed, restored by pg_restore
#   files/          every uploaded file, under its stored name
#   files.json      each file's name, size and SHA-256, which restore.sh checks
# The dump is taken first and the files copied after it: a stored file is never overwritten
# (a new upload gets a new name), so every file the dump refers to is in the copy.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
python=${PYTHON:-$root/.venv/bin/python}

if [ $# -ne 1 ]; then
    echo "usage: $0 DESTINATION_FOLDER" >&2
    exit 2
fi
case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL must be set to the PostgreSQL database (postgres://...)" >&2; exit 2 ;;
esac

target="$1/ecm-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" --dbname="$DATABASE_URL"
"$python" "$here/backup_files.py" save "$target"
echo "$target"

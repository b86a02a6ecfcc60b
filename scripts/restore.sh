#!/bin/sh
# Restore ECM Assess from a folder written by backup.sh (issue 25 §5; README "Backups").
#
#   DATABASE_URL=postgres://.../ecm_restored scripts/restore.sh /var/backups/ecm/ecm-2026...Z
#
# Into a fresh, empty database (create it first: createdb ecm_restored); it refuses one that
# already has the site's tables rather than mix two states. The files go back into the store
# the environment names (the bucket, or MEDIA_ROOT), each checked against files.json first; on
# disk, a file already there under the same name with other content is refused, not replaced.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
python=${PYTHON:-$root/.venv/bin/python}

if [ $# -ne 1 ] || [ ! -f "$1/database.dump" ]; then
    echo "usage: $0 BACKUP_FOLDER   (a folder written by backup.sh, with database.dump)" >&2
    exit 2
fi
case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*) ;;
    *) echo "restore.sh: DATABASE_URL must be set to the PostgreSQL database (postgres://...)" >&2; exit 2 ;;
esac

existing=$(psql --dbname="$DATABASE_URL" --tuples-only --no-align --command \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$existing" != "0" ]; then
    echo "restore.sh: the database already has $existing tables; restore into a new, empty one" >&2
    exit 2
fi
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$1/database.dump"
"$python" "$here/backup_files.py" load "$1"
echo "Restored $1"

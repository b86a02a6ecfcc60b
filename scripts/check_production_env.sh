#!/bin/sh
# Refuses to start the production path without what it needs (issue 25 §5; README
# "Deployment"): `make serve-production` and the container's entry point run it first.
# Exit status 2 and one readable line for each problem; nothing is printed when all is well.
set -u

problems=0
refuse() {
    echo "ECM Assess will not start in production: $1" >&2
    problems=$((problems + 1))
}

for name in SECRET_KEY ALLOWED_HOSTS DATABASE_URL; do
    eval "value=\${$name:-}"
    if [ -z "$value" ]; then
        case "$name" in
            SECRET_KEY) refuse "SECRET_KEY is not set (e.g. SECRET_KEY=\$(openssl rand -hex 40))" ;;
            ALLOWED_HOSTS) refuse "ALLOWED_HOSTS is not set (the site's host names, comma-separated)" ;;
            DATABASE_URL) refuse "DATABASE_URL is not set (postgres://user:password@host:5432/name)" ;;
        esac
    fi
done

case "${DATABASE_URL:-}" in
    "" | postgres://* | postgresql://* | pgsql://*) ;;
    *) refuse "DATABASE_URL must name a PostgreSQL database (postgres://...): the embedded SQLite file is for one machine's demo" ;;
esac

case "$(printf '%s' "${DEBUG:-false}" | tr '[:upper:]' '[:lower:]')" in
    1 | true | yes | on) refuse "DEBUG is on: it shows code and settings on error pages; unset it or set DEBUG=false" ;;
esac

if [ "${SECRET_KEY:-}" = "insecure-development-key-change-me-in-production" ]; then
    refuse "SECRET_KEY is the development key; make a new one"
fi

[ "$problems" -eq 0 ] || exit 2

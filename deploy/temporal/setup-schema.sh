#!/bin/sh
# One-shot (temporalio/admin-tools), before the Temporal server starts: creates the databases
# `temporal` and `temporal_visibility` if missing and brings both schemas to the version this
# admin-tools image ships. Idempotent: every step skips what is already done, so it runs on
# every `docker compose up`, and after an image upgrade it applies the new schema versions.
# The password comes from SQL_PASSWORD (read by temporal-sql-tool itself).
set -eu

: "${SQL_PASSWORD:?SQL_PASSWORD is not set}"
host="${POSTGRES_SEEDS:-postgresql}"
port="${DB_PORT:-5432}"
user="${POSTGRES_USER:-temporal}"
schema_dir=/etc/temporal/schema/postgresql/v12

echo "waiting for PostgreSQL at $host:$port"
tries=0
until nc -z "$host" "$port"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then echo "PostgreSQL unreachable" >&2; exit 1; fi
  sleep 2
done

setup() { # database, schema subdirectory
  sql="temporal-sql-tool --plugin postgres12 --ep $host -p $port -u $user --db $1"
  $sql create
  $sql setup-schema -v 0.0
  $sql update-schema -d "$schema_dir/$2/versioned"
}

setup temporal temporal
setup temporal_visibility visibility
echo "Temporal schema ready"

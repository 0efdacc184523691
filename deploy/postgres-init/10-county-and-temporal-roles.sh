#!/bin/bash
# First start of an empty data volume only (docker-entrypoint-initdb.d): creates
#   - role `county`, owner of database `county_data` (the application; db/migrate.ts fills it);
#   - role `temporal` with CREATEDB: the temporal-schema-setup step creates and migrates
#     the databases `temporal` and `temporal_visibility` itself.
# Passwords come from the container environment, never from this file. To change one later,
# use ALTER ROLE: this script does not run again once the volume holds a cluster.
set -e

: "${COUNTY_DB_PASSWORD:?COUNTY_DB_PASSWORD is not set}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is not set}"

# psql variables (:'name') quote the passwords as SQL literals.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v county_password="$COUNTY_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE county LOGIN PASSWORD :'county_password';
CREATE DATABASE county_data OWNER county ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE county_data FROM PUBLIC;

CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
SQL

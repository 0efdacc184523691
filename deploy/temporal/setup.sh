#!/bin/sh
# The one Temporal setup of both production shapes: docker compose (temporalio/admin-tools
# image, the defaults below) and `npm run start:production-shape` plus its CI round
# (scripts/temporal-server.ts, which passes its own tools, hosts and names). Two phases:
#   setup.sh schema     before the server: creates the databases `temporal` and
#                       `temporal_visibility` if missing and brings both schemas to the version
#                       of the tools' release (so an upgrade applies the new schema versions);
#   setup.sh namespace  once the server answers: the namespace with its retention and the
#                       custom search attributes that the workflows set (workflows/options.ts).
# Idempotent: every step skips or repeats harmlessly what is done, so it runs on every start.
set -eu

phase="${1:-}"
# 第二十七条: records are kept at least 6 months; closed workflows are the processes' record.
retention="${TEMPORAL_NAMESPACE_RETENTION:-4392h}" # 183 days
namespace="${TEMPORAL_NAMESPACE:-default}"
cli="${TEMPORAL_CLI:-temporal}"
sql_tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
schema_dir="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"

say() { echo "[temporal-setup] $*"; }
fail() { echo "[temporal-setup] $*" >&2; exit 1; }

# Retries a command (the server or the database may still be starting); prints its last output on failure.
retry() { # tries, command...
  tries=$1
  shift
  n=0
  until out=$("$@" 2>&1); do
    n=$((n + 1))
    if [ "$n" -ge "$tries" ]; then echo "$out" >&2; return 1; fi
    sleep 2
  done
}

schema() {
  # temporal-sql-tool reads the password from SQL_PASSWORD itself.
  : "${SQL_PASSWORD?SQL_PASSWORD is not set}" # may be empty: a trust-auth test server
  host="${POSTGRES_SEEDS:-postgresql}"
  port="${DB_PORT:-5432}"
  user="${POSTGRES_USER:-temporal}"
  setup() { # database, schema subdirectory
    sql="$sql_tool --plugin postgres12 --ep $host -p $port -u $user --db $1"
    say "准备数据库 $1 (SCHEMA_SETUP)"
    # create-database accepts an existing database; retried while PostgreSQL starts.
    retry 60 $sql create-database || fail "无法连接 PostgreSQL $host:$port (POSTGRES_UNREACHABLE)"
    $sql setup-schema -v 0.0
    $sql update-schema -d "$schema_dir/$2/versioned"
  }
  setup "${TEMPORAL_DB:-temporal}" temporal
  setup "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}" visibility
  say "Temporal 数据库结构就绪 (SCHEMA_READY)"
}

search_attribute() { # name, type
  # Retried: a namespace created a moment ago takes a few seconds to reach the frontend's cache.
  n=0
  until out=$($cli operator search-attribute create --namespace "$namespace" --name "$1" --type "$2" 2>&1); do
    case "$out" in
      *"already exists"*) return 0 ;;
    esac
    n=$((n + 1))
    if [ "$n" -ge 15 ]; then echo "$out" >&2; fail "搜索属性 $1 注册失败 (SEARCH_ATTRIBUTE_FAILED)"; fi
    sleep 2
  done
}

namespace() {
  export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
  say "等待 Temporal $TEMPORAL_ADDRESS (TEMPORAL_WAIT)"
  retry 60 "$cli" operator cluster health || fail "Temporal $TEMPORAL_ADDRESS 无响应 (TEMPORAL_UNREACHABLE)"
  if $cli operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
    # An existing namespace (e.g. made with the old 30-day default) gets the retention too.
    $cli operator namespace update --namespace "$namespace" --retention "$retention" >/dev/null
  else
    $cli operator namespace create --namespace "$namespace" --retention "$retention" >/dev/null
  fi
  search_attribute ProcessType Keyword
  search_attribute DepartmentCode Keyword
  search_attribute ProcessStage Keyword
  search_attribute DueDate Datetime
  say "命名空间 $namespace 就绪，保留期 $retention (NAMESPACE_READY)"
}

case "$phase" in
  schema) schema ;;
  namespace) namespace ;;
  *) fail "用法: setup.sh schema|namespace (USAGE)" ;;
esac

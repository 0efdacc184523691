#!/bin/sh
# One-shot (temporalio/admin-tools), once the Temporal server answers: creates the namespace
# and the custom search attributes that the workflows set (workflows/options.ts). Idempotent:
# an existing namespace or attribute counts as done, so it runs on every `docker compose up`.
set -eu

namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"

echo "waiting for Temporal at $TEMPORAL_ADDRESS"
tries=0
until temporal operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then echo "Temporal not healthy" >&2; exit 1; fi
  sleep 2
done

if temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  echo "namespace $namespace exists"
else
  temporal operator namespace create --namespace "$namespace" --retention "$retention"
fi

# Retried: a namespace created a moment ago takes a few seconds to reach the frontend's cache.
search_attribute() { # name, type
  tries=0
  until out=$(temporal operator search-attribute create --namespace "$namespace" --name "$1" --type "$2" 2>&1); do
    case "$out" in
      *"already exists"*) echo "search attribute $1 exists"; return 0 ;;
    esac
    tries=$((tries + 1))
    if [ "$tries" -ge 15 ]; then echo "$out" >&2; return 1; fi
    sleep 2
  done
  echo "search attribute $1 ($2) ready"
}

search_attribute ProcessType Keyword
search_attribute DepartmentCode Keyword
search_attribute ProcessStage Keyword
search_attribute DueDate Datetime
echo "namespace $namespace ready"

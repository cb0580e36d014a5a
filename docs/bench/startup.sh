#!/usr/bin/env bash
# Start-up time: launches the service RUNS times with the given java arguments and prints how long
# each took until GET /actuator/health answered, sorted (docs/performance.md, "Start-up").
#
#   docs/bench/startup.sh 5 -jar target/persona-engine.jar
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java docs/bench/startup.sh 5 -XX:AOTCache=app.aot -jar app/persona-engine.jar
#
# Run from the repository (the service reads ./rules). Port 18080; the log of the last run is in
# ${TMPDIR:-/tmp}/persona-startup.log.
# Needs GNU date (nanoseconds). Paths in JAVA-ARGS are taken from the repository's root.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:?usage: startup.sh RUNS JAVA-ARGS...}
shift
log=${TMPDIR:-/tmp}/persona-startup.log
if curl -s -o /dev/null localhost:18080; then
  echo "port 18080 is already in use: stop what listens there first" >&2
  exit 1
fi
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT INT TERM
times=()
for _ in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "${JAVA:-java}" "$@" --server.port=18080 --persona.rules.watch=false >"$log" 2>&1 &
  pid=$!
  until curl -sf localhost:18080/actuator/health >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "the service stopped; see $log" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  times+=("$(( (end - start) / 1000000 ))")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ printf "%.1f s  ", $1 / 1000 } END { print "" }'

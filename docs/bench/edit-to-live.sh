#!/usr/bin/env bash
# Measures the time from saving a rules file to the new version serving decisions.
# Starts target/persona-engine.jar on a copy of rules/, edits thresholds.yaml N times (a real
# change: highValueAov alternates between 100.00 and 99.00) and polls GET /api/v1/rules every
# 10 ms until the live version changes; also prints the service's own save-to-swap times. Usage: docs/bench/edit-to-live.sh [N] (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
port=18090
work=$(mktemp -d)
cp -r rules "$work/rules"
java -jar target/persona-engine.jar --server.port=$port --persona.rules.dir="$work/rules" > "$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "localhost:$port/actuator/health" > /dev/null && break; sleep 0.2; done
curl -sf "localhost:$port/actuator/health" > /dev/null || { echo "the service did not start:"; tail -20 "$work/service.log"; exit 1; }
version() { curl -s "localhost:$port/api/v1/rules" | grep -o '"version":"[0-9a-f]*"' | head -1; }
sleep 1
for i in $(seq 1 "$runs"); do
  before=$(version)
  if (( i % 2 )); then aov=99.00; else aov=100.00; fi
  start=$(date +%s%N)
  sed -i "s/^highValueAov: .*/highValueAov: $aov/" "$work/rules/thresholds.yaml"
  while [ "$(version)" = "$before" ]; do sleep 0.01; done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  sleep 0.5
done | sort -n | awk '{ a[NR] = $1 } END { printf "seen by a client polling every 10 ms, over %d saves: min %d ms, median %d ms, max %d ms\n", NR, a[1], a[int((NR + 1) / 2)], a[NR] }'
# The service's own measure: from the first file event of a save to the swap.
grep -o 'live as [0-9a-f]* in [0-9]* ms' "$work/service.log" | awk '{ print $5 }' | sort -n |
  awk '{ a[NR] = $1 } END { printf "measured by the service (save -> swap), over %d saves: min %d ms, median %d ms, max %d ms\n", NR, a[1], a[int((NR + 1) / 2)], a[NR] }'

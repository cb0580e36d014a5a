#!/usr/bin/env bash
# REST load test over loopback with wrk (Debian package "wrk"). Starts target/persona-engine.jar
# and drives, at 1, 4, 16 and 64 open connections (wrk keeps each busy: the load rises with the
# connections), three endpoints in turn for DURATION seconds each:
#   trivial   GET  /actuator/info              the HTTP stack's own ceiling on this server
#   single    POST /api/v1/decisions           one customer (docs/examples/customer.json)
#   batch     POST /api/v1/decisions/batch     100 customers (summaries) per request
# and prints requests/s, customers/s and p50/p99 latency. wrk shares the 2 cores with the
# service, as a co-located client would. Usage: docs/bench/rest-load.sh [DURATION] (default 10).
# JAVA_OPTS (default "-Xms1g -Xmx1g", a fixed heap as the README recommends) go to the service.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
port=18091
work=$(mktemp -d)
java_opts=${JAVA_OPTS:--Xms1g -Xmx1g}
echo "service: java $java_opts"
# shellcheck disable=SC2086 # the options are words
java $java_opts -jar target/persona-engine.jar --server.port=$port --persona.rules.watch=false > "$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do curl -sf "localhost:$port/actuator/health" > /dev/null && break; sleep 0.2; done
curl -sf "localhost:$port/actuator/health" > /dev/null || { echo "the service did not start:"; tail -20 "$work/service.log"; exit 1; }

# 100 customers of every kind: the summary form, so the rules, not the history, are measured.
python3 - "$work/batch.json" <<'PY'
import json, random, sys
random.seed(7)
customers = []
for i in range(100):
    orders = 0 if random.random() < 0.3 else random.randint(1, 6)
    summary = {"orderCount": orders, "totalSpent": orders * random.randint(40, 160)}
    if orders:
        summary["daysSinceLastOrder"] = random.randint(0, 500)
        summary["discountedOrders"] = random.randint(0, orders)
    if random.random() < 0.7:
        recent = random.randint(0, 7)
        lifetime = recent + random.randint(0, 9)
        last = random.randint(0, 199)
        summary.update(engagementCount90d=recent, engagementCountLifetime=lifetime)
        if lifetime:  # a last engagement only for someone who engaged (the service refuses it otherwise)
            summary["daysSinceLastEngagement"] = last
    summary["intentSignals90d"] = random.randint(0, 2)
    customers.append({"customerId": f"c-{i}", "asOf": "2026-11-01T00:00:00Z",
                      "profile": {"country": random.choice(["GB", "SE", "KR"]), "emailConsent": random.random() < 0.8,
                                  "smsConsent": random.random() < 0.4},
                      "summary": summary})
json.dump({"customers": customers}, open(sys.argv[1], "w"))
PY
# One script for every endpoint: with BODY set it POSTs that file as JSON, without it GETs.
cat > "$work/load.lua" <<'LUA'
local body_file = os.getenv("BODY")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
# Proves the bodies are answered 200 before anything is timed.
curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @docs/examples/customer.json "localhost:$port/api/v1/decisions"
curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/batch.json" "localhost:$port/api/v1/decisions/batch"

run() { # name url body customers-per-request connections seconds
  local out
  out=$(BODY="$3" wrk -t1 -c"$5" -d"$6"s -s "$work/load.lua" "$2" | grep '^RESULT')
  read -r _ requests micros p50 p99 errors <<< "$out"
  awk -v n="$1" -v c="$5" -v r="$requests" -v us="$micros" -v p50="$p50" -v p99="$p99" -v e="$errors" -v k="$4" 'BEGIN {
    rps = r / (us / 1e6); printf "%-8s %4d %10.0f %12.0f %9.2f %9.2f %7d\n", n, c, rps, rps * k, p50 / 1000, p99 / 1000, e }'
}
# Warm-up: load on every endpoint until the JIT compilers were busy less than 5 % of a core for
# 5 s (at most 4 minutes). On 2 cores one C2 thread takes about 90 s to work through what the
# start and the first load queue up; measured before that, every figure is lower and noisier.
jit_ticks() { # CPU ticks of the JIT compiler threads (comm "C2 CompilerThre" has a space: fields after ")")
  local sum=0 task ticks
  for task in /proc/$pid/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      *Compiler*) ticks=$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}') || ticks=0
                  sum=$((sum + ${ticks:-0})) ;;
    esac
  done
  echo "$sum"
}
quiet=$(( $(getconf CLK_TCK) / 4 )) # 5 % of a core over 5 s
warm_start=$SECONDS
settled=no
for _ in $(seq 1 48); do
  before=$(jit_ticks)
  run warmup "http://localhost:$port/api/v1/decisions/batch" "$work/batch.json" 100 4 2 > /dev/null
  run warmup "http://localhost:$port/api/v1/decisions" docs/examples/customer.json 1 4 2 > /dev/null
  run warmup "http://localhost:$port/actuator/info" "" 0 4 1 > /dev/null
  after=$(jit_ticks)
  # A compiler thread that exits takes its ticks along: a drop is not quiet.
  if [ "$after" -ge "$before" ] && [ $((after - before)) -lt "$quiet" ]; then settled=yes; break; fi
done
if [ "$settled" = yes ]; then
  echo "warmed up for $((SECONDS - warm_start)) s"
else
  echo "warmed up for $((SECONDS - warm_start)) s; the JIT was still compiling: figures may be low"
fi
printf "%-8s %4s %10s %12s %9s %9s %7s\n" endpoint conns "req/s" "customers/s" "p50 ms" "p99 ms" errors
for c in 1 4 16 64; do
  run trivial "http://localhost:$port/actuator/info" "" 0 "$c" "$duration"
  run single "http://localhost:$port/api/v1/decisions" docs/examples/customer.json 1 "$c" "$duration"
  run batch "http://localhost:$port/api/v1/decisions/batch" "$work/batch.json" 100 "$c" "$duration"
done

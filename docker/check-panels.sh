#!/usr/bin/env bash
# Checks that every Grafana panel would be filled: the stack of docker/compose.yaml without
# Docker. Starts target/persona-engine.jar and a real Prometheus (Debian package "prometheus")
# scraping it with the scrape settings of docker/prometheus.yml, makes decisions over REST, a
# batch segmentation, a bad request and (with KAFKA_BOOTSTRAP set, e.g. localhost:9092, and kcat
# installed) Kafka records with a poison one among them, then runs every panel's query of
# grafana/dashboards/*.json against Prometheus, as Grafana would, and lists how many series each
# returns. Exits 1 if any panel would be empty. Usage: [KAFKA_BOOTSTRAP=host:port] docker/check-panels.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=18092
prom_port=19090
work=$(mktemp -d)
kafka_args=()
if [ -n "${KAFKA_BOOTSTRAP:-}" ]; then
  kafka_args=(--persona.kafka.enabled=true --spring.kafka.bootstrap-servers="$KAFKA_BOOTSTRAP")
fi
java -jar target/persona-engine.jar --server.port=$port "${kafka_args[@]}" > "$work/service.log" 2>&1 &
service=$!
# The compose file's scrape configuration, pointed at this service instead of the container.
sed "s/persona-engine:8080/localhost:$port/" docker/prometheus.yml > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" > "$work/prometheus.log" 2>&1 &
prom=$!
trap 'kill $service $prom $load 2>/dev/null; rm -rf "$work"' EXIT
load=
for _ in $(seq 1 600); do curl -sf "localhost:$port/actuator/health" > /dev/null && break; sleep 0.2; done
curl -sf "localhost:$port/actuator/health" > /dev/null || { echo "the service did not start:"; tail -20 "$work/service.log"; exit 1; }

# Traffic for the rate() windows: decisions for a minute and a half, a bad request now and then.
(
  end=$((SECONDS + 90))
  while [ $SECONDS -lt $end ]; do
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @docs/examples/customer.json "localhost:$port/api/v1/decisions"
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @docs/examples/batch.json "localhost:$port/api/v1/decisions/batch"
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary '{"customerId": ""}' "localhost:$port/api/v1/decisions"
    curl -s -o /dev/null -F orders=@src/test/resources/imports/orders.csv "localhost:$port/api/v1/segmentations?asOf=2026-11-01T00:00:00Z"
    if [ -n "${KAFKA_BOOTSTRAP:-}" ]; then
      { jq -c . docs/examples/customer.json | sed 's/^/c-1001\t/'; printf 'poison\t{"customerId": \n'; } |
        kcat -P -b "$KAFKA_BOOTSTRAP" -t persona.customers -K $'\t' 2> /dev/null || true
    fi
    sleep 0.5
  done
) &
load=$!
echo "generating decisions for 90 s while Prometheus scrapes every 5 s ..."
wait $load
load=

python3 - "$prom_port" grafana/dashboards/*.json <<'PY'
import json, sys, urllib.parse, urllib.request
port, files = sys.argv[1], sys.argv[2:]
empty = 0
for path in files:
    dashboard = json.load(open(path))
    print(f"{dashboard['title']} ({path})")
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            # Grafana's own interval variable: at least four scrape intervals of 5 s.
            expr = target["expr"].replace("$__rate_interval", "1m")
            url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
            result = json.load(urllib.request.urlopen(url))["data"]["result"]
            empty += not result
            print(f"  {'ok   ' if result else 'EMPTY'} {len(result):3d} series  {panel['title']}")
print(f"{empty} empty panel queries")
sys.exit(1 if empty else 0)
PY

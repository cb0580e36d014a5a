#!/usr/bin/env bash
# Checks that every Grafana panel would be filled: the stack of docker/compose.yaml without
# Docker. Starts target/persona-engine.jar and a real Prometheus (Debian package "prometheus")
# scraping it with the scrape settings of docker/prometheus.yml, makes decisions over REST, a
# batch segmentation, a bad request and (with KAFKA_BOOTSTRAP set, e.g. localhost:9092, and kcat
# installed) Kafka records with a poison one among them, then runs every panel's query of
# grafana/dashboards/*.json against Prometheus, as Grafana would, and lists how many series each
# returns. Exits 1 if any panel would be empty; without KAFKA_BOOTSTRAP the panels of the Kafka
# client's own metrics are skipped, as they stay empty while Kafka is off.
# Usage: [KAFKA_BOOTSTRAP=host:port] [SERVICE_PORT=port] [PROMETHEUS_PORT=port] docker/check-panels.sh
# The service and Prometheus listen on free ports the system picks, unless given.
set -euo pipefail
cd "$(dirname "$0")/.."
# Both at once, so that the system cannot hand out the same port twice.
read -r free_port free_prom_port < <(python3 -c '
import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])')
port=${SERVICE_PORT:-$free_port}
prom_port=${PROMETHEUS_PORT:-$free_prom_port}
for p in "$port" "$prom_port"; do
  # Another service there would answer the health check and the scrapes in this one's place.
  if (exec 3<> "/dev/tcp/127.0.0.1/$p") 2> /dev/null; then echo "port $p is in use; set SERVICE_PORT / PROMETHEUS_PORT"; exit 1; fi
done
echo "service on localhost:$port, Prometheus on 127.0.0.1:$prom_port"
work=$(mktemp -d)
kafka_args=()
if [ -n "${KAFKA_BOOTSTRAP:-}" ]; then
  kafka_args=(--persona.kafka.enabled=true --spring.kafka.bootstrap-servers="$KAFKA_BOOTSTRAP")
fi
service= prom= load=
trap 'kill $service $prom $load 2>/dev/null; rm -rf "$work"' EXIT
java -jar target/persona-engine.jar --server.port=$port "${kafka_args[@]}" > "$work/service.log" 2>&1 &
service=$!
# The compose file's scrape configuration, pointed at this service instead of the container.
sed "s/persona-engine:8080/localhost:$port/" docker/prometheus.yml > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" > "$work/prometheus.log" 2>&1 &
prom=$!
# Up when its own log says so and it answers.
for _ in $(seq 1 600); do
  kill -0 $service 2> /dev/null || break
  grep -q 'Started PersonaEngineApplication' "$work/service.log" && curl -sf "localhost:$port/actuator/health" > /dev/null && break
  sleep 0.2
done
kill -0 $service 2> /dev/null && curl -sf "localhost:$port/actuator/health" > /dev/null ||
  { echo "the service did not start:"; tail -20 "$work/service.log"; exit 1; }
for _ in $(seq 1 100); do curl -sf "127.0.0.1:$prom_port/-/ready" > /dev/null && break; sleep 0.2; done
curl -sf "127.0.0.1:$prom_port/-/ready" > /dev/null || { echo "Prometheus did not start:"; tail -20 "$work/prometheus.log"; exit 1; }

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

python3 - "$prom_port" "${KAFKA_BOOTSTRAP:+kafka}" grafana/dashboards/*.json <<'PY'
import json, sys, urllib.parse, urllib.request
port, kafka, files = sys.argv[1], sys.argv[2] == "kafka", sys.argv[3:]
empty = 0
for path in files:
    dashboard = json.load(open(path))
    print(f"{dashboard['title']} ({path})")
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            # Grafana's own interval variable: at least four scrape intervals of 5 s.
            expr = target["expr"].replace("$__rate_interval", "1m")
            if not kafka and "kafka_consumer_" in expr:
                # The Kafka client's own metrics exist only while Kafka is on: empty is right here.
                print(f"  skip          {panel['title']} (Kafka off: set KAFKA_BOOTSTRAP)")
                continue
            url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
            result = json.load(urllib.request.urlopen(url))["data"]["result"]
            empty += not result
            print(f"  {'ok   ' if result else 'EMPTY'} {len(result):3d} series  {panel['title']}")
print(f"{empty} empty panel queries")
sys.exit(1 if empty else 0)
PY

#!/usr/bin/env bash
# Kafka streaming tried as a new user would, on a machine without Docker or a Kafka install.
# Gets Apache Kafka 4.2.1 (broker and tools) from Maven Central into a cache outside the
# repository, starts a single-node KRaft broker on localhost:9092 with fresh storage, starts
# target/persona-engine.jar against it (built first if missing), produces a few customers and
# poison records with Kafka's console producer and prints the decisions and dead letters with its
# console consumer. Then it produces N customers (one in a thousand poison) in chunks while the
# service is killed (kill -9) and later stopped (SIGTERM) and restarted, and counts distinct keys:
# decisions + dead letters must cover every key produced.
# Usage: docs/kafka/try-with-local-broker.sh [N] (default 20000).
# Environment: KAFKA_CACHE (default ~/.cache/persona-engine/kafka-4.2.1), KAFKA_PORT (9092; the
# controller takes the next port), SERVICE_PORT (8080).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20000}
cache=${KAFKA_CACHE:-$HOME/.cache/persona-engine/kafka-4.2.1}
port=${KAFKA_PORT:-9092}
http=${SERVICE_PORT:-8080}
bootstrap=localhost:$port
work=$(mktemp -d)
broker=
service=
cleanup() {
  local status=$?
  set +e
  [ -n "$service" ] && kill "$service" 2> /dev/null && wait "$service" 2> /dev/null
  [ -n "${producer:-}" ] && kill "$producer" 2> /dev/null
  [ -n "$broker" ] && kill "$broker" 2> /dev/null && wait "$broker" 2> /dev/null
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
say() { echo "$(date +%T) $*"; }
for p in "$port" $((port + 1)) "$http"; do
  if (exec 3<> "/dev/tcp/localhost/$p") 2> /dev/null; then echo "port $p is in use; set KAFKA_PORT / SERVICE_PORT"; exit 1; fi
done

step "Apache Kafka 4.2.1 from Maven Central into $cache"
if [ ! -f "$cache/libs/kafka-tools-4.2.1.jar" ]; then
  mkdir -p "$cache"
  cat > "$cache/pom.xml" << 'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>kafka-dist</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>4.2.1</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-server</artifactId><version>4.2.1</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>4.2.1</version></dependency>
    <!-- Kafka logs through SLF4J 2; a connect dependency would otherwise pull in SLF4J 1.7. -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.17</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>2.25.4</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.25.4</version></dependency>
  </dependencies>
</project>
EOF
  ./mvnw -q -f "$cache/pom.xml" dependency:copy-dependencies -DoutputDirectory="$cache/libs"
fi
cat > "$cache/log4j2.yaml" << 'EOF'
Configuration:
  Appenders:
    Console: { name: STDERR, target: SYSTEM_ERR, PatternLayout: { pattern: "[%d] %p %m (%c)%n" } }
  Loggers:
    Root: { level: WARN, AppenderRef: [ { ref: STDERR } ] }
    Logger: [ { name: kafka.server.KafkaRaftServer, level: INFO } ]
EOF
echo "$(ls "$cache/libs" | wc -l) jars"
java_kafka=(java -Dlog4j2.configurationFile="$cache/log4j2.yaml" -cp "$cache/libs/*")
kafka() { "${java_kafka[@]}" "$@"; }

step "A single-node KRaft broker on $bootstrap (storage in $work/kafka)"
cat > "$work/server.properties" << EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$((port + 1))
listeners=PLAINTEXT://localhost:$port,CONTROLLER://localhost:$((port + 1))
advertised.listeners=PLAINTEXT://localhost:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/kafka
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
kafka kafka.tools.StorageTool format --standalone -t "$(kafka kafka.tools.StorageTool random-uuid)" -c "$work/server.properties" > /dev/null
"${java_kafka[@]}" -Xmx512m kafka.Kafka "$work/server.properties" > "$work/broker.log" 2>&1 &
broker=$!
for _ in $(seq 1 120); do grep -q 'Kafka Server started' "$work/broker.log" && break; sleep 0.5; done
grep 'Kafka Server started' "$work/broker.log" || { echo "the broker did not start:"; tail -20 "$work/broker.log"; exit 1; }

[ -f target/persona-engine.jar ] || { step "Building the service"; ./mvnw -q -DskipTests package; }
start_service() {
  local started
  started=$(grep -c 'Started PersonaEngineApplication' "$work/service.log" 2> /dev/null || true)
  started=${started:-0}
  java -jar target/persona-engine.jar --persona.kafka.enabled=true --spring.kafka.bootstrap-servers="$bootstrap" \
    --server.port="$http" >> "$work/service.log" 2>&1 &
  service=$!
  say "service starting, pid $service"
  # Up when its own log says so: another process could answer on the port.
  for _ in $(seq 1 600); do
    kill -0 "$service" 2> /dev/null || break
    [ "$(grep -c 'Started PersonaEngineApplication' "$work/service.log")" -gt "$started" ] && break
    sleep 0.2
  done
  [ "$(grep -c 'Started PersonaEngineApplication' "$work/service.log")" -gt "$started" ] && kill -0 "$service" 2> /dev/null ||
    { echo "the service did not start:"; tail -20 "$work/service.log"; exit 1; }
  say "service up"
}
produce() { kafka org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic persona.customers \
  --reader-property parse.key=true --reader-property key.separator=: ; }
consume() { # topic, then any options
  local topic=$1; shift
  kafka org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$bootstrap" --topic "$topic" --from-beginning "$@"
}
# Records in a topic so far: the sum of its partitions' end offsets.
records() { kafka org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$bootstrap" --topic "$1" | awk -F: '{ s += $3 } END { print s + 0 }'; }

step "java -jar target/persona-engine.jar --persona.kafka.enabled=true --spring.kafka.bootstrap-servers=$bootstrap"
start_service

step "Two customers and two poison records, with kafka-console-producer"
tee "$work/few.txt" << 'EOF'
c-1:{"customerId":"c-1","summary":{"orderCount":3,"totalSpent":450,"daysSinceLastOrder":10}}
c-2:{"customerId":"c-2","summary":{"orderCount":0}}
bad-json:{"customerId":"bad-json","orders":[
bad-total:{"customerId":"bad-total","orders":[{"id":"o-1","placedAt":"2026-10-01T00:00:00Z","total":-5}]}
EOF
produce < "$work/few.txt"

step "Decisions, with kafka-console-consumer"
consume persona.decisions --max-messages 2 --formatter-property print.key=true --formatter-property print.headers=true
step "Dead letters, with kafka-console-consumer"
consume persona.customers.DLT --max-messages 2 --formatter-property print.key=true --formatter-property print.headers=true

step "$n customers (one in a thousand poison), the service killed and restarted mid-stream"
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) {
  id = "load-" i
  if (i % 1000 == 7) { printf "%s:{\"customerId\":\"%s\",\"orders\":[\n", id, id; continue }
  printf "%s:{\"customerId\":\"%s\",\"profile\":{\"country\":\"SE\",\"emailConsent\":true},\"summary\":{\"orderCount\":%d,\"totalSpent\":%d,\"daysSinceLastOrder\":%d}}\n", id, id, i % 5 + 1, (i % 7 + 1) * 60, i % 500
} }' > "$work/load.txt"
# Two fifths at once, so that the kill -9 comes while a poll is being decided; the rest in 12
# chunks a few seconds apart, so that the stream outlasts both restarts.
head -n $((n * 2 / 5)) "$work/load.txt" > "$work/first"
tail -n +$((n * 2 / 5 + 1)) "$work/load.txt" > "$work/rest"
split -n l/12 "$work/rest" "$work/chunk-"
(for chunk in "$work"/first "$work"/chunk-*; do produce < "$chunk"; sleep 4; done) &
producer=$!
until [ "$(records persona.decisions)" -gt $((n / 10)) ]; do sleep 0.5; done
say "kill -9 $service"
kill -9 "$service"; wait "$service" 2> /dev/null || true
say "$(records persona.customers) produced, $(records persona.decisions) decided when killed"
start_service
until [ "$(records persona.decisions)" -gt $((n / 2)) ]; do sleep 1; done
say "kill -TERM $service"
kill -TERM "$service"; wait "$service" 2> /dev/null || true
say "$(records persona.customers) produced, $(records persona.decisions) decided when stopped"
start_service
wait "$producer"
say "all $n produced; waiting for the consumer group to catch up"
group() { kafka org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$bootstrap" --describe --group persona-engine 2> /dev/null; }
until group | awk '$2 == "persona.customers" { seen++; if ($6 != "0") behind++ } END { exit !(seen == 3 && !behind) }'; do sleep 2; done
group | awk 'NF' | cut -c1-84
say "caught up"

step "Counting distinct keys"
cut -d: -f1 "$work/load.txt" | sort -u > "$work/produced.keys"
consume persona.decisions --timeout-ms 15000 --formatter-property print.key=true --formatter-property print.value=false 2> /dev/null | grep '^load-' | sort > "$work/decisions.keys" || true
consume persona.customers.DLT --timeout-ms 15000 --formatter-property print.key=true --formatter-property print.value=false 2> /dev/null | grep '^load-' | sort > "$work/dlt.keys" || true
sort -u "$work/decisions.keys" "$work/dlt.keys" > "$work/out.keys"
echo "produced:     $(wc -l < "$work/produced.keys") distinct keys ($(grep -c '"orders":\[$' "$work/load.txt") poison)"
echo "decisions:    $(wc -l < "$work/decisions.keys") records, $(sort -u "$work/decisions.keys" | wc -l) distinct keys"
echo "dead letters: $(wc -l < "$work/dlt.keys") records, $(sort -u "$work/dlt.keys" | wc -l) distinct keys"
echo "both:         $(comm -12 <(sort -u "$work/decisions.keys") <(sort -u "$work/dlt.keys") | wc -l) keys"
echo "missing:      $(comm -23 "$work/produced.keys" "$work/out.keys" | wc -l) keys"
[ "$(comm -23 "$work/produced.keys" "$work/out.keys" | wc -l)" -eq 0 ]

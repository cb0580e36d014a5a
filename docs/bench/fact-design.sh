#!/usr/bin/env bash
# The shipped fact design (a fact inserted per conclusion) against the "result" design of the
# benchmark prototype in src/jmh/resources/result-design (conclusions written onto one
# Evaluation per customer): runs FactDesignCpuTime (thread CPU time per customer, the median of
# the last half of ROUNDS rounds, the hand-written baseline in the same run) for each design, in
# a JVM of its own, alternating, PAIRS times. Each run first checks that the prototype decides the
# benchmark's 1,000 customers as the shipped rules do, and fails if not. SCOPES: personas
# (personas, their actions and consent) and/or all (every rule file). Usage, after
# ./mvnw -Pbenchmarks test-compile:
#   docs/bench/fact-design.sh [ROUNDS] [PAIRS] [SCOPES]     (defaults 200, 3 and "personas all")
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-200}
pairs=${2:-3}
scopes=${3:-personas all}
classpath=target/test-classes:target/classes:$(./mvnw -q -Pbenchmarks dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
err=$(mktemp)
trap 'rm -f "$err"' EXIT

for pair in $(seq 1 "$pairs"); do
  for scope in $scopes; do
    for design in shipped result result-eval result-sequential; do
      printf '%-8s %-17s run %d: ' "$scope" "$design" "$pair"
      java -cp "$classpath" io.personaengine.decisions.FactDesignCpuTime "$design" "$scope" "$rounds" 2>"$err" \
        | grep '^CPU ns' || { echo "failed:"; grep -v '^\s*at ' "$err" | tail -5; exit 1; }
    done
  done
done

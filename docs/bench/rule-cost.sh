#!/usr/bin/env bash
# What each concern of the shipped rules costs the decision core: runs DecisionCoreCpuTime
# (thread CPU time per customer, the median of the last half of ROUNDS rounds) on copies of
# rules/ with files taken away, RUNS times each, interleaved so that a noisy spell hits every
# variant alike. Usage, after ./mvnw -Pbenchmarks test-compile:
#   docs/bench/rule-cost.sh [ROUNDS] [RUNS]     (defaults 400 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-400}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
classpath=target/test-classes:target/classes:$(./mvnw -q -Pbenchmarks dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)

variant() { # name, then the files of rules/ to take away
  local name=$1
  shift
  cp -r rules "$work/$name"
  (cd "$work/$name" && rm -f "$@")
}
# The engine alone: facts in, decisions out, one rule that never fires (a folder needs one).
mkdir -p "$work/engine-only"
cp rules/thresholds.yaml "$work/engine-only/"
printf 'package io.personaengine.rules;\nimport io.personaengine.facts.CustomerFacts;\nrule "Never"\nwhen\n    CustomerFacts( orderCount < 0 )\nthen\nend\n' \
  > "$work/engine-only/never.drl"
variant personas recommendations.drl consent.drl segments.drl segment-recommendations.drl guards.drl custom-segments.dslr
variant personas+actions+consent segments.drl segment-recommendations.drl guards.drl custom-segments.dslr
variant segments personas.drl recommendations.drl consent.drl segment-recommendations.drl guards.drl custom-segments.dslr
variant all-but-analyst-dsl custom-segments.dslr
variant shipped

for run in $(seq 1 "$runs"); do
  for name in engine-only personas personas+actions+consent segments all-but-analyst-dsl shipped; do
    printf '%-26s run %d: ' "$name" "$run"
    java -cp "$classpath" io.personaengine.decisions.DecisionCoreCpuTime "$rounds" "$work/$name" 2>"$work/err.log" \
      | grep '^CPU ns' || { echo "failed:"; tail -5 "$work/err.log"; }
  done
done

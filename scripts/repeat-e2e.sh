#!/usr/bin/env bash
# Runs one end-to-end test N times in a row, each in a fresh browser, and counts failures; for checking that a
# test is deterministic. Build first (`npm run build` / `npm run build:firefox`). Put the rest of the suite's
# load beside it yourself if you want it (e.g. `npx vitest run` in a loop in another shell).
#   scripts/repeat-e2e.sh <vitest config> <test file> "<test name pattern>" [N=30]
set -uo pipefail
config=$1 file=$2 name=$3 n=${4:-30}
failed=0
for i in $(seq 1 "$n"); do
  start=$(date +%s)
  if npx vitest run -c "$config" "$file" -t "$name" >"/tmp/repeat-e2e-$i.log" 2>&1; then
    echo "run $i: passed in $(( $(date +%s) - start )) s"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED in $(( $(date +%s) - start )) s (log: /tmp/repeat-e2e-$i.log)"
  fi
done
echo "$failed of $n failed"
[ "$failed" -eq 0 ]

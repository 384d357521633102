#!/usr/bin/env bash
# `npm test`: every check the project promises, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-system-deps.sh
mkdir -p test-results
# Two lanes side by side (the checks are independent and mostly single-threaded, so two cores
# do both in about the time of the longer one): type check then sample studies, and lint then
# build. Each lane stops at its first failure, as the single line of steps did; the output is
# printed lane by lane after both end, so it does not interleave.
lanes="$(mktemp -d)"
mkdir -p node_modules/.cache/percuplan
lane() {
  local name=$1; shift
  local step
  for step in "$@"; do
    echo "[test] ${step%%:*}"
    bash -c "${step#*:}" || { echo "[test] ${step%%:*} failed"; return 1; }
  done > "$lanes/$name.log" 2>&1
}
# The type check is incremental (TypeScript re-checks what changed since the last run and what
# depends on it, with the same diagnostics as a full check); its state lives under node_modules/.cache.
lane a "type check:npx tsc --noEmit -p . --incremental --tsBuildInfoFile node_modules/.cache/percuplan/tsc.tsbuildinfo" "sample studies:npx tsx sample-dicom/generate.ts" & a=$!
lane b "lint:npx eslint ." "build:npx vite build --logLevel error" & b=$!
lane_a=0; lane_b=0
wait "$a" || lane_a=$?
wait "$b" || lane_b=$?
cat "$lanes/a.log" "$lanes/b.log"
rm -rf "$lanes"
if [ "$lane_a" -ne 0 ] || [ "$lane_b" -ne 0 ]; then exit 1; fi
# One folder for this run's shared test data (tests/support/dataDirTemplate.ts): what a server
# seeds on an empty data folder is made once per run instead of once per end-to-end file.
PERCUPLAN_TEST_CACHE="$(mktemp -d -t percuplan-test-cache-XXXXXX)"
export PERCUPLAN_TEST_CACHE
trap 'rm -rf "$PERCUPLAN_TEST_CACHE"' EXIT
echo "[test] vitest (unit, integration, end to end)"
# Meanwhile the few unit suites that read ../shared run again with it hidden, as on a fresh
# clone (scripts/test-without-shared.sh): Vitest runs one file at a time here, so the second
# core is mostly free for them. They share nothing with the main run (their own report, their
# own temporary folders); their output is printed after the main run's, not mixed into it.
hidden_log="$(mktemp)"
bash scripts/test-without-shared.sh > "$hidden_log" 2>&1 &
hidden_pid=$!
status=0
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
hidden=0
wait "$hidden_pid" || hidden=$?
echo "[test] unit tests again with ../shared hidden, as on a fresh clone (run alongside the above)"
cat "$hidden_log"
rm -f "$hidden_log"
# The count line comes last; a suite that failed to load counts as failed (scripts/testSummary.mjs).
summary=0
node scripts/testSummary.mjs test-results/vitest.json || summary=$?
if [ "$status" -eq 0 ] && [ "$hidden" -ne 0 ]; then status=$hidden; fi
if [ "$status" -eq 0 ] && [ "$summary" -ne 0 ]; then status=$summary; fi
echo "[test] finished in $(( $(date +%s) - start )) s"
exit "$status"

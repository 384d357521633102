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
echo "[test] vitest: end to end and bench here; unit and integration alongside (printed after)"
# Two Vitest runs side by side, each one file at a time: the browser suites (tests/e2e, the quick
# bench), printed as they go, and every other suite, whose output follows theirs. The browser
# suites spend much of their time waiting on Chromium and the servers, so the unit suites fit
# beside them on two cores instead of after them (about five minutes of a thirty-minute run).
# They share nothing but the per-run seeded data template (made once, by whichever asks first).
# After the unit suites, the few that read ../shared run again with it hidden, as on a fresh
# clone (scripts/test-without-shared.sh), in the same side lane.
side_log="$(mktemp)"
(
  unit=0
  npx vitest run --exclude 'tests/e2e/**' --exclude 'tests/bench/**' --reporter=default --reporter=json --outputFile.json=test-results/vitest-unit.json || unit=$?
  echo "[test] unit tests again with ../shared hidden, as on a fresh clone"
  hidden=0
  bash scripts/test-without-shared.sh || hidden=$?
  if [ "$unit" -ne 0 ]; then exit "$unit"; fi
  exit "$hidden"
) > "$side_log" 2>&1 &
side_pid=$!
status=0
rm -f test-results/vitest.json test-results/vitest-unit.json
npx vitest run tests/e2e tests/bench --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
side=0
wait "$side_pid" || side=$?
echo "[test] unit and integration suites (run alongside the above)"
cat "$side_log"
rm -f "$side_log"
# The count line comes last, over both runs; a suite that failed to load counts as failed (scripts/testSummary.mjs).
summary=0
node scripts/testSummary.mjs test-results/vitest.json test-results/vitest-unit.json || summary=$?
if [ "$status" -eq 0 ] && [ "$side" -ne 0 ]; then status=$side; fi
if [ "$status" -eq 0 ] && [ "$summary" -ne 0 ]; then status=$summary; fi
echo "[test] finished in $(( $(date +%s) - start )) s"
exit "$status"

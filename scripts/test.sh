#!/usr/bin/env bash
# `npm test`: every check the project promises, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-system-deps.sh
echo "[test] type check";  npx tsc --noEmit -p .
echo "[test] lint";        npx eslint .
echo "[test] sample studies"; npx tsx sample-dicom/generate.ts
echo "[test] build";       npx vite build --logLevel error
mkdir -p test-results
echo "[test] vitest (unit, integration, end to end)"
status=0
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
echo "[test] unit tests again with ../shared hidden, as on a fresh clone"
hidden=0
bash scripts/test-without-shared.sh || hidden=$?
# The count line comes last; a suite that failed to load counts as failed (scripts/testSummary.mjs).
summary=0
node scripts/testSummary.mjs test-results/vitest.json || summary=$?
if [ "$status" -eq 0 ] && [ "$hidden" -ne 0 ]; then status=$hidden; fi
if [ "$status" -eq 0 ] && [ "$summary" -ne 0 ]; then status=$summary; fi
echo "[test] finished in $(( $(date +%s) - start )) s"
exit "$status"

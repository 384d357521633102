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
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
node -e '
  const r = require("./test-results/vitest.json");
  const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' || true
echo "[test] finished in $(( $(date +%s) - start )) s"
exit $status

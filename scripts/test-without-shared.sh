#!/usr/bin/env bash
# The tests that use ../shared, run as a fresh clone runs them: with no ../shared beside the
# repository. Every test finds ../shared through tests/support/paths.ts, which honours
# PERCUPLAN_SHARED_DIR; pointing that at a folder that does not exist hides the real one without
# touching it (others may be reading it). Passes when Vitest exits 0 and every such suite reports
# skipped tests (it saw ../shared missing, said why, and did not fail while collecting).
# Runs only the unit suites whose outcome can depend on ../shared: the files that name one of
# tests/support/paths.ts's four ways to it (sharedDir, sharedDicom, hasShared, sharedSkipReason),
# and every test that imports such a file (Vitest's `related` follows the import graph, so a
# helper that reads ../shared brings in its tests). Every other file cannot see a difference:
# paths.ts's other exports (repoRoot, sampleDir, screenshotDir) do not depend on ../shared, and
# the check below refuses any file that reaches ../shared by its own path. Running those files
# again would repeat, byte for byte, the run `npm test` has just made. A suite that mixes tests
# that read ../shared with slow ones that do not is better split (see demoPlanSegReal.test.ts).
# End-to-end, integration and bench suites are left out to keep the time down; they skip the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
mkdir -p test-results
report=test-results/vitest-without-shared.json
rm -f "$report"
dirs=(src sample-dicom tests bench scripts)
code=(--include='*.ts' --include='*.tsx' --include='*.mjs')

# A file that reaches ../shared by its own path could not be hidden: refuse it.
bypass=$(grep -rlE "['\"\`](\.\./)+shared(/dicom[^'\"\`]*)?['\"\`]|/work/shared" "${code[@]}" "${dirs[@]}" | grep -v '^tests/support/paths.ts$' || true)
if [ -n "$bypass" ]; then
  echo "[without ../shared] these files reach ../shared without tests/support/paths.ts, so it cannot be hidden from them:"
  echo "$bypass"
  exit 1
fi

# The files that ask tests/support/paths.ts for ../shared; Vitest runs them and every test that imports them.
uses=$(grep -rlE "sharedDicom|sharedDir|hasShared|sharedSkipReason" "${code[@]}" "${dirs[@]}" \
  | grep -v '^tests/support/paths.ts$' | grep -vE '^tests/(e2e|integration|bench)/' | sort || true)
if [ -z "$uses" ]; then echo "[without ../shared] nothing uses ../shared"; exit 0; fi

hidden="$(mktemp -d)/no-shared-here"
status=0
# shellcheck disable=SC2086 # one path a word
PERCUPLAN_SHARED_DIR="$hidden" npx vitest related --run $uses \
  --exclude 'tests/e2e/**' --exclude 'tests/integration/**' --exclude 'tests/bench/**' \
  --reporter=default --reporter=json --outputFile.json="$report" || status=$?

check=0
USES="$uses" node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import path from "node:path";
  import { summarize } from "./scripts/testSummary.mjs";
  let r;
  try { r = JSON.parse(readFileSync(process.argv[1], "utf8")); }
  catch (e) { console.log(`[without ../shared] no Vitest report: ${e.message}`); process.exit(1); }
  const s = summarize(r);
  let ok = s.failed === 0;
  for (const f of s.failedSuites) console.log(`[without ../shared] failed suite: ${f.name}: ${f.message}`);
  const suites = (process.env.USES ?? "").split("\n").filter((f) => f.endsWith(".test.ts"));
  for (const u of suites) {
    const suite = (r.testResults ?? []).find((t) => path.relative(process.cwd(), t.name) === u);
    const skipped = suite ? suite.assertionResults.filter((a) => a.status === "skipped" || a.status === "pending").length : 0;
    if (skipped === 0) { ok = false; console.log(`[without ../shared] ${u} uses ../shared but skipped nothing with it hidden`); }
  }
  console.log(`[without ../shared] ${(r.testResults ?? []).length} suites: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped; ${suites.length} of them read ../shared`);
  process.exit(ok ? 0 : 1);
' "$report" || check=$?

echo "[without ../shared] finished in $(( $(date +%s) - start )) s"
if [ "$status" -ne 0 ]; then echo "[without ../shared] vitest exited $status"; exit "$status"; fi
exit "$check"

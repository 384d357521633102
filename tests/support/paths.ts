import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * ../shared beside the checkout: real test DICOM, present in CI, absent on a user's machine.
 * PERCUPLAN_SHARED_DIR overrides it, so scripts/test-without-shared.sh can hide it (point it at
 * a folder that does not exist) and prove the suite still passes on a fresh clone. Every test
 * that reads ../shared must resolve it here, or hiding it proves nothing.
 */
export const sharedDir = path.resolve(repoRoot, process.env.PERCUPLAN_SHARED_DIR ?? '../shared');
export const sharedDicom = path.join(sharedDir, 'dicom');
export const hasShared = existsSync(sharedDicom);
export const sampleDir = path.join(repoRoot, 'sample-dicom/generated');
export const screenshotDir = path.join(repoRoot, 'test-results/screenshots');

const warned = new Set<string>();

/**
 * Why a test that needs ../shared is skipped (undefined when it is there). Prints the reason once
 * per `what`, so a user sees why a suite did not run rather than a silent skip.
 */
export function sharedSkipReason(what: string): string | undefined {
  if (hasShared) return undefined;
  const reason = `skipped ${what}: ${sharedDicom} is absent (CI has it)`;
  if (!warned.has(what)) {
    warned.add(what);
    console.warn(reason);
  }
  return reason;
}

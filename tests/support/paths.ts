import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared beside the checkout: real test DICOM, present in CI, absent on a user's machine. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const sharedDicom = path.join(sharedDir, 'dicom');
export const hasShared = existsSync(sharedDicom);
export const sampleDir = path.join(repoRoot, 'sample-dicom/generated');
export const screenshotDir = path.join(repoRoot, 'test-results/screenshots');

/** Prints why a test that needs ../shared is skipped. */
export function sharedSkipReason(what: string): string | undefined {
  if (hasShared) return undefined;
  const reason = `skipped ${what}: ${sharedDicom} is absent (CI has it)`;
  console.warn(reason);
  return reason;
}

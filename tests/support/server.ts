import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';

/**
 * Starts the real server in this process on a free loopback port, after making sure the app
 * is built and the sample studies exist (both are no-ops when already done).
 */
export async function startTestServer(env: Record<string, string> = {}, options: { samples?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(path.join(repoRoot, 'dist/index.html'))) {
    const { build } = await import('vite');
    await build({ root: repoRoot, logLevel: 'error' });
  }
  if (options.samples === false) {
    // An empty embedded source, for tests about files the user brings.
    env = { SAMPLE_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-empty-')), ...env };
  } else {
    const { ensureSampleStudies } = await import('../../sample-dicom/ensureSampleStudies');
    await ensureSampleStudies();
  }
  const { startServer } = await import('../../src/server/main');
  return startServer({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(repoRoot, '.tmp/data-test'), ...env });
}

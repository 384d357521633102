import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareDataDir } from './dataDirTemplate';
import { repoRoot } from './paths';

/**
 * Starts the real server in this process on a free loopback port, after making sure the app
 * is built and the sample studies exist (both are no-ops when already done). An empty DATA_DIR
 * is prepared first (tests/support/dataDirTemplate.ts): the server starts as on an empty one.
 * The reference exercises (~30 s of background de-identification per fresh folder) are off
 * unless a test sets PERCUPLAN_REFERENCE_EXERCISES itself.
 */
export async function startTestServer(env: Record<string, string> = {}, options: { samples?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const callerEnv = env;
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
  const serverEnv: NodeJS.ProcessEnv & { DATA_DIR: string } = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(repoRoot, '.tmp/data-test'), PERCUPLAN_REFERENCE_EXERCISES: '0', ...env };
  await prepareDataDir(serverEnv.DATA_DIR, callerEnv, options.samples !== false, async (templateDir) => {
    const { DICOMWEB_URL: _pacs, DICOMWEB_LABEL: _label, ...noPacs } = serverEnv;
    await (await startServer({ ...noPacs, DATA_DIR: templateDir })).close();
  });
  return startServer(serverEnv);
}

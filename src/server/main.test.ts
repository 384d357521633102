import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPgliteDir } from '../../tests/support/pgliteTemplate';
import { createAccountsRepository } from './auth/accountsRepository';
import { startServer } from './main';
import { openRecordsDatabase } from './records/openRecordStore';

const temp: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'percuplan-main-'));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** An empty data folder holding an initialised, empty PGlite cluster (a copy: initdb takes seconds). */
const dataDirWithEmptyDb = async (): Promise<string> => {
  const d = tempDir();
  await freshPgliteDir(d);
  return d;
};

/** The environment of a server on its own empty data folder, with no samples and no demo cases. */
const envOf = (dataDir: string, host: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOST: host,
  PORT: '0',
  DATA_DIR: dataDir,
  SAMPLE_DIR: tempDir(),
  PERCUPLAN_DEMO: '0',
});

describe('a non-loopback HOST', () => {
  it('is refused while no account exists (and no OIDC), saying how to add one', async () => {
    await expect(startServer(envOf(await dataDirWithEmptyDb(), '0.0.0.0'))).rejects.toThrow(/HOST=0\.0\.0\.0 .*npm run users -- add/);
  }, 60_000);

  it('is accepted once an account exists in the database, and then every API route needs a session', async () => {
    const dataDir = await dataDirWithEmptyDb();
    const db = await openRecordsDatabase({}, dataDir, () => undefined);
    await createAccountsRepository(db, () => new Date()).create({ username: 'att', name: 'A', roles: ['attending'], password: 'correct horse battery' });
    await db.close();
    const server = await startServer(envOf(dataDir, '0.0.0.0'));
    try {
      const port = new URL(server.url).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/cases`);
      expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([401, 'no-session']);
    } finally {
      await server.close();
    }
  }, 60_000);
});

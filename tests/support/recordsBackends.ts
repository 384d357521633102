import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openRecordsRepository } from '../../src/server/records/openRecordStore';
import type { RecordsRepository } from '../../src/server/records/recordsRepository';
import { freshPgliteDir } from './pgliteTemplate';
import { startTestPostgres, type TestPostgres } from './postgres';

/** One database the records suites run against. */
export interface RecordsBackend {
  name: 'pglite' | 'postgres';
  /** Why this backend is skipped, when it is. */
  skip?: string;
  /** The environment a server or CLI needs to use a new, empty database of this kind, and its DATA_DIR. */
  freshEnv(): Promise<{ env: Record<string, string>; dataDir: string }>;
  /** A repository over a new, empty, migrated database of this kind. */
  freshRepository(): Promise<RecordsRepository>;
  /** Stops what the backend started and removes the directories it made (after the repositories are closed). */
  stop(): void;
}

let databases = 0;

/**
 * The two backends of the records suites: embedded PGlite (always) and a real PostgreSQL
 * started for this test file (skipped, with the reason printed, when it is not installed).
 */
export async function recordsBackends(): Promise<RecordsBackend[]> {
  const started: TestPostgres | { skip: string } = await startTestPostgres().catch((e: unknown) => ({
    skip: `PostgreSQL did not start: ${e instanceof Error ? e.message : String(e)}`,
  }));
  if ('skip' in started) console.warn(`[records tests] skipping the PostgreSQL suite: ${started.skip}`);
  // Embedded databases are ~40 MB each: remove every one this file made when it stops.
  const made: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'percuplan-data-'));
    made.push(dir);
    return dir;
  };
  const removeMade = (): void => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  const pgliteEnv = async () => {
    const dataDir = tempDir();
    await freshPgliteDir(dataDir);
    return { env: { PERCUPLAN_DEMO: '0', DATA_DIR: dataDir }, dataDir };
  };
  const postgresEnv = async () => {
    if ('skip' in started) throw new Error(started.skip);
    const url = await started.createDatabase(`records_${process.pid}_${++databases}`);
    const dataDir = tempDir();
    return { env: { PERCUPLAN_DEMO: '0', DATABASE_URL: url, DATA_DIR: dataDir }, dataDir };
  };
  const open = async (make: () => Promise<{ env: Record<string, string>; dataDir: string }>) => {
    const { env, dataDir } = await make();
    return openRecordsRepository(env, dataDir);
  };
  return [
    { name: 'pglite', freshEnv: pgliteEnv, freshRepository: () => open(pgliteEnv), stop: removeMade },
    {
      name: 'postgres',
      skip: 'skip' in started ? started.skip : undefined,
      freshEnv: postgresEnv,
      freshRepository: () => open(postgresEnv),
      stop: () => {
        removeMade();
        if (!('skip' in started)) started.stop();
      },
    },
  ];
}

import path from 'node:path';
import { migrateSchema } from './schemaMigrations';
import { openPglite } from './pgliteClient';
import { openPostgres } from './postgresClient';
import { createRecordsHandler, type RecordsRequestHandler } from './recordsRoutes';
import type { RecordsRepository } from './recordsRepository';
import { localUser } from './requestActor';
import { seedDemoCases } from './seedDemoCases';
import { createSqlRecordsRepository } from './sqlRecordsRepository';
import type { SqlClient } from './sqlClient';
import type { ProcessContext } from '../planning/processPlanContent';

/**
 * Where the records live: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR/db.
 * Brings the schema up to date on the way; `log` receives what it did.
 */
export async function openRecordsRepository(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  log: (message: string) => void = console.log,
): Promise<RecordsRepository> {
  return createSqlRecordsRepository(await openRecordsDatabase(env, dataDir, log));
}

/** The records database itself (accounts, sessions and the audit trail live there too), migrated. */
export async function openRecordsDatabase(env: NodeJS.ProcessEnv, dataDir: string, log: (message: string) => void = console.log): Promise<SqlClient> {
  const url = env.DATABASE_URL?.trim();
  const db = url ? await openPostgres(url) : await openPglite(path.join(dataDir, 'db'));
  try {
    const applied = await migrateSchema(db);
    if (applied.length) log(`[records] database migrations applied: ${applied.join(', ')}`);
  } catch (e) {
    await db.close();
    throw e;
  }
  log(`[records] ${db.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} at ${db.location}`);
  return db;
}

/** The records part of the server: the repository and its HTTP handler. */
export interface RecordStore {
  repository: RecordsRepository;
  /** The database the repository uses, for the accounts, sessions and audit trail in it. */
  db: SqlClient;
  handle: RecordsRequestHandler;
  close(): Promise<void>;
}

/**
 * Opens the records database, creates the demo cases on a database that never held one
 * and their plans (unless PERCUPLAN_DEMO=0), and returns the API handler. `sampleDir` is
 * where the demo cases find the sample studies; `planContext` recomputes saved plans.
 */
export async function openRecordStore(env: NodeJS.ProcessEnv, dataDir: string, sampleDir: string, planContext?: ProcessContext): Promise<RecordStore> {
  const db = await openRecordsDatabase(env, dataDir);
  const repository = createSqlRecordsRepository(db);
  if (env.PERCUPLAN_DEMO?.trim() !== '0') await seedDemoCases(repository, sampleDir, console.log, planContext);
  return {
    repository,
    db,
    handle: createRecordsHandler(repository, { defaultActor: localUser(env), planContext }),
    close: () => repository.close(),
  };
}

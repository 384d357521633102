// Test support (imported by the auth suites only): fresh, migrated databases on both backends.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { recordsBackends, type RecordsBackend } from '../../../tests/support/recordsBackends';
import { openPglite } from '../records/pgliteClient';
import { openPostgres } from '../records/postgresClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';

/** One backend of the auth suites and a way to open a new, empty, migrated database on it. */
export interface AuthBackend {
  name: RecordsBackend['name'];
  skip?: string;
  freshDb(): Promise<SqlClient>;
}

/**
 * Embedded PGlite (always) and PostgreSQL (skipped with the reason printed when not installed),
 * as the records suites use them. Call `stop` after closing every database.
 */
export async function authBackends(): Promise<{ backends: AuthBackend[]; stop(): void }> {
  const records = await recordsBackends();
  return {
    backends: records.map((b) => ({
      name: b.name,
      skip: b.skip,
      async freshDb() {
        const { env, dataDir } = await b.freshEnv();
        const db = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite(path.join(dataDir, 'db'));
        await migrateSchema(db);
        return db;
      },
    })),
    stop: () => records.forEach((b) => b.stop()),
  };
}

/** A new, migrated embedded database in a temporary directory, removed when it is closed (no PostgreSQL started). */
export async function freshPgliteDb(): Promise<SqlClient> {
  const dir = await freshPgliteDir();
  const db = await openPglite(dir);
  await migrateSchema(db);
  return {
    ...db,
    async close() {
      await db.close();
      rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
}

/** A clock tests move by hand. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
  set(at: Date): void;
}

/** A hand-moved clock starting at `start`. */
export function testClock(start = new Date('2026-03-02T08:00:00.000Z')): TestClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (at) => {
      t = at.getTime();
    },
  };
}

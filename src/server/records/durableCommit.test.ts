import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { createPgliteDiskSync } from './pgliteDiskSync';
import { openPostgres } from './postgresClient';
import type { SqlExecutor } from './sqlClient';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));
const postgres = backends.find((b) => b.name === 'postgres');

describe('durable commits', () => {
  it('fsyncs the WAL segment a PGlite commit wrote, and the whole directory after a checkpoint', async () => {
    const dir = await freshPgliteDir();
    const db = await PGlite.create({ dataDir: dir });
    const q: SqlExecutor = { query: async (sql, params = []) => (await db.query(sql, [...params])).rows as never };
    try {
      // PGlite runs PostgreSQL without fsync: that is why the repository syncs after commits.
      expect((await db.query<{ fsync: string }>('SHOW fsync')).rows[0]?.fsync).toBe('off');
      const sync = createPgliteDiskSync(dir);
      await sync.afterCommit(q);
      await db.exec('CREATE TABLE t (n int); INSERT INTO t VALUES (1)');
      const afterWrite = await sync.afterCommit(q);
      expect(afterWrite.walFiles).toHaveLength(1);
      expect(afterWrite.fullSync).toBe(false);
      await db.exec('CHECKPOINT');
      expect((await sync.afterCommit(q)).fullSync).toBe(true);
    } finally {
      await db.close();
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it.skipIf(!!postgres?.skip)('runs PostgreSQL sessions with synchronous_commit on', async () => {
    const { env } = await postgres!.freshEnv();
    const db = await openPostgres(env.DATABASE_URL as string);
    try {
      expect(await db.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
    } finally {
      await db.close();
    }
  });
});

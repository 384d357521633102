import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './dataDirLock';
import { createPgliteDiskSync } from './pgliteDiskSync';
import type { SqlClient, SqlExecutor } from './sqlClient';

const executor = (q: PGlite | Transaction): SqlExecutor => ({
  async query<R extends object>(sql: string, params: readonly unknown[] = []) {
    return (await q.query<R>(sql, [...params])).rows;
  },
});

/**
 * Opens the embedded PostgreSQL (PGlite) in `dir`, or in memory when `dir` is undefined (tests).
 * On disk, the directory is locked to this process and every committed write transaction is
 * fsynced before `transaction` resolves (see pgliteDiskSync). PGlite runs one statement at a
 * time, so its transactions are serialised: a transaction's reads see no concurrent writer.
 */
export async function openPglite(dir?: string): Promise<SqlClient> {
  let lock: { release(): Promise<void> } | undefined;
  if (dir) {
    await mkdir(path.dirname(dir), { recursive: true });
    lock = await lockDataDir(`${dir}.lock`);
  }
  try {
    // relaxedDurability false (the default, stated here on purpose): a query resolves only
    // after PGlite has written its file system, not before.
    // Loaded on demand: the WASM build is large, and a server on PostgreSQL never needs it.
    const { PGlite: Pglite } = await import('@electric-sql/pglite');
    const db = await Pglite.create({ dataDir: dir, relaxedDurability: false });
    const sync = dir ? createPgliteDiskSync(dir) : undefined;
    if (sync) {
      // What a previous run left (perhaps killed) goes to disk before anything new is acknowledged.
      await sync.syncAll();
      await sync.afterCommit(executor(db));
    }
    const plain = executor(db);
    return {
      kind: 'pglite',
      location: dir ?? 'memory',
      query: plain.query,
      async transaction(fn) {
        const result = await db.transaction((tx) => fn(executor(tx)));
        if (sync) await sync.afterCommit(plain);
        return result;
      },
      async exec(sql) {
        await db.exec(sql);
        if (sync) await sync.afterCommit(plain);
      },
      async close() {
        await db.close();
        await lock?.release();
      },
    };
  } catch (e) {
    await lock?.release();
    throw e;
  }
}

import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SqlExecutor } from './sqlClient';

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncTree(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += await fsyncTree(p);
    else if (e.isFile()) {
      await fsyncPath(p);
      n++;
    }
  }
  await fsyncPath(dir);
  return n + 1;
}

/** What one sync did, for tests and logs. */
export interface SyncReport {
  walFiles: string[];
  fullSync: boolean;
}

/**
 * Makes PGlite's commits durable on disk. PGlite runs PostgreSQL with `fsync=off` and its
 * Node file system has no fsync at all: a commit reaches the kernel (so it survives the
 * process being killed) but not the disk (so it would not survive a power cut). After each
 * write transaction this asks PostgreSQL which WAL segment it is writing and fsyncs the
 * segments written since the last call; the WAL alone lets PostgreSQL replay the commit. When
 * a checkpoint happened since (it writes data files and may recycle old WAL), it fsyncs the
 * whole data directory, so no checkpoint ever stands on data that is only in memory.
 */
export function createPgliteDiskSync(dataDir: string): { afterCommit(db: SqlExecutor): Promise<SyncReport>; syncAll(): Promise<number> } {
  const walDir = path.join(dataDir, 'pg_wal');
  let lastWal: string | undefined;
  let lastCheckpoint: string | undefined;
  return {
    async afterCommit(db) {
      const [row] = await db.query<{ wal: string; checkpoint: string }>(
        'SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS wal, (pg_control_checkpoint()).checkpoint_lsn::text AS checkpoint',
      );
      if (!row) throw new Error('PGlite did not report its WAL position');
      const from = lastWal ?? row.wal;
      // Segment names are fixed-width hex, so name order is write order within a timeline.
      const walFiles = (await readdir(walDir)).filter((f) => /^[0-9A-F]{24}$/.test(f) && f >= from && f <= row.wal).sort();
      for (const f of walFiles) await fsyncPath(path.join(walDir, f));
      const fullSync = lastCheckpoint !== undefined && row.checkpoint !== lastCheckpoint;
      if (fullSync) await fsyncTree(dataDir);
      lastWal = row.wal;
      lastCheckpoint = row.checkpoint;
      return { walFiles, fullSync };
    },
    syncAll: () => fsyncTree(dataDir),
  };
}

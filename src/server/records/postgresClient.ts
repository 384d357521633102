import pg from 'pg';
import type { SqlClient, SqlExecutor } from './sqlClient';

const executor = (q: pg.Pool | pg.PoolClient): SqlExecutor => ({
  async query<R extends object>(sql: string, params: readonly unknown[] = []) {
    return (await q.query<R>(sql, [...params])).rows;
  },
});

/** A connection URL with its password masked, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres (unparsable DATABASE_URL)';
  }
}

/**
 * Connections one server keeps to PostgreSQL for transactions (saves). A save holds its
 * connection through its commit's flush to disk, and an audited one also waits for the audit
 * trail's table lock; with 5 connections (before issue 17) 100 concurrent clients queued even
 * their case lists behind the saves.
 */
export const POOL_SIZE = 20;

/**
 * Connections for single statements outside a transaction (the case list, reads of one
 * document): a pool of their own, so a read never waits for a connection that a queued save
 * holds. Each statement is its own transaction whichever connection runs it, so this changes
 * no result. With POOL_SIZE, 30 in all: under PostgreSQL's default max_connections (100) for
 * a few servers behind a load balancer.
 */
export const READ_POOL_SIZE = 10;

/**
 * Connects to PostgreSQL at `url` (DATABASE_URL). A commit is durable when COMMIT returns
 * under the server's default `synchronous_commit = on`; the session sets it explicitly so a
 * server-wide `off` cannot weaken what an acknowledged save means.
 */
export async function openPostgres(url: string, poolSize = POOL_SIZE, readPoolSize = READ_POOL_SIZE): Promise<SqlClient> {
  const open = (max: number): pg.Pool => {
    const pool = new pg.Pool({ connectionString: url, max, options: '-c synchronous_commit=on' });
    // An idle client losing its connection must not crash the server; the next query reconnects.
    pool.on('error', (e) => console.warn(`[records] PostgreSQL connection error: ${e.message}`));
    return pool;
  };
  const pool = open(poolSize);
  const reads = open(readPoolSize);
  try {
    await Promise.all([pool.query('SELECT 1'), reads.query('SELECT 1')]);
  } catch (e) {
    await Promise.all([pool.end(), reads.end()]).catch(() => undefined);
    throw e;
  }
  const plain = executor(reads);
  return {
    kind: 'postgres',
    location: redactUrl(url),
    query: plain.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: async () => {
      await Promise.all([pool.end(), reads.end()]);
    },
  };
}

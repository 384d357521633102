import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sqlClient';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** One SQL migration file, `NNNN_name.sql`. */
export interface SqlMigration {
  id: number;
  name: string;
  sql: string;
}

/** The migration files in order. Both databases run exactly these. */
export async function loadSqlMigrations(dir: string = DIR): Promise<SqlMigration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (f) => ({ id: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: await readFile(`${dir}${f}`, 'utf8') })),
  );
}

/**
 * Brings the database schema up to date, each migration in its own transaction together with
 * its row in `schema_migrations`. The table lock makes a second server starting at the same
 * moment wait instead of applying a migration twice. Returns the names applied.
 */
export async function migrateSchema(db: SqlClient, migrations?: SqlMigration[]): Promise<string[]> {
  const all = migrations ?? (await loadSqlMigrations());
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id]);
      if (seen.length) return false;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      return true;
    });
    if (done) applied.push(`${String(m.id).padStart(4, '0')}_${m.name}`);
  }
  return applied;
}

/**
 * Splits a migration script into statements at semicolons that end a line, after removing
 * `--` comments. Our migrations keep to that form (no functions with bodies), which lets each
 * statement run inside the same transaction on both drivers.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

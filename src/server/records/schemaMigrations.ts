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
 * Splits a migration script into its statements at the semicolons that end them, leaving out
 * `--` and block comments. Semicolons inside string literals ('…'), quoted identifiers ("…") and
 * dollar-quoted bodies ($$ … $$, $tag$ … $tag$: function and trigger bodies) belong to their
 * statement. Each statement then runs on its own, so that a migration runs inside one
 * transaction on both drivers (PGlite's and node-postgres's parameterised query take one statement).
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const flush = (): void => {
    const s = current.trim();
    if (s) statements.push(s);
    current = '';
  };
  while (i < sql.length) {
    const c = sql.charAt(i);
    const next = sql.charAt(i + 1);
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
      current += ' ';
    } else if (c === "'" || c === '"') {
      const end = quotedEnd(sql, i, c);
      current += sql.slice(i, end);
      i = end;
    } else if (c === '$' && dollarTagAt(sql, i) !== null) {
      const tag = dollarTagAt(sql, i) as string;
      const close = sql.indexOf(tag, i + tag.length);
      if (close < 0) throw new Error(`Unterminated dollar-quoted body ${tag} in a migration`);
      current += sql.slice(i, close + tag.length);
      i = close + tag.length;
    } else if (c === ';') {
      flush();
      i += 1;
    } else {
      current += c;
      i += 1;
    }
  }
  flush();
  return statements;
}

/**
 * The dollar-quote opening at `i` ($$ or $tag$, tag = an identifier without `$`), or null when
 * the `$` there is something else (a positional parameter such as $1, or part of an identifier).
 */
function dollarTagAt(sql: string, i: number): string | null {
  if (i > 0 && /[A-Za-z0-9_]/.test(sql.charAt(i - 1))) return null;
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
  return m ? m[0] : null;
}

/** The index just past the string or identifier quoted by `quote` that opens at `i` ('' and "" are escapes). */
function quotedEnd(sql: string, i: number, quote: string): number {
  let j = i + 1;
  for (;;) {
    const k = sql.indexOf(quote, j);
    if (k < 0) throw new Error(`Unterminated ${quote === "'" ? 'string' : 'quoted identifier'} in a migration`);
    if (sql[k + 1] === quote) j = k + 2;
    else return k + 1;
  }
}

/** The index just past the block comment that opens at `i`; PostgreSQL's block comments nest. */
function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth += 1;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else j += 1;
  }
  throw new Error('Unterminated block comment in a migration');
}

import { afterAll, describe, expect, it } from 'vitest';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { loadSqlMigrations, migrateSchema, splitStatements } from './schemaMigrations';
import { openPglite } from './pgliteClient';
import { openPostgres } from './postgresClient';

describe('splitStatements', () => {
  it('splits at semicolons and leaves out line comments, as before', () => {
    expect(splitStatements('-- a comment; with a semicolon\nCREATE TABLE a (x int);\n\nCREATE INDEX b ON a (x); -- trailing\n')).toEqual([
      'CREATE TABLE a (x int)',
      'CREATE INDEX b ON a (x)',
    ]);
  });

  it('keeps a $$-quoted function body, semicolons and all, in its statement', () => {
    const fn = "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'no; never';\nEND;\n$$";
    expect(splitStatements(`${fn};\nCREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();`)).toEqual([
      fn,
      'CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()',
    ]);
  });

  it('matches a tagged body to its own tag, so $$ inside $body$ does not end it', () => {
    const fn = "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT $$x;y$$ || ';' $body$";
    expect(splitStatements(`${fn}; SELECT 1`)).toEqual([fn, 'SELECT 1']);
  });

  it('keeps -- and ; inside strings and quoted identifiers, and drops nested block comments', () => {
    expect(splitStatements(`INSERT INTO "odd;name" VALUES ('a -- b; c', 'it''s; fine'); /* one /* two; */ still; */ SELECT 2`)).toEqual([
      `INSERT INTO "odd;name" VALUES ('a -- b; c', 'it''s; fine')`,
      'SELECT 2',
    ]);
  });

  it('does not take a positional parameter or an identifier with $ for a dollar quote', () => {
    expect(splitStatements('SELECT $1, a$b$c FROM t; SELECT 3')).toEqual(['SELECT $1, a$b$c FROM t', 'SELECT 3']);
  });

  it('refuses an unterminated body, string or comment instead of running half a statement', () => {
    expect(() => splitStatements('CREATE FUNCTION f() AS $$ BEGIN; END;')).toThrow(/Unterminated dollar-quoted/);
    expect(() => splitStatements("SELECT 'open;")).toThrow(/Unterminated string/);
    expect(() => splitStatements('SELECT 1 /* open;')).toThrow(/Unterminated block comment/);
  });

  it('splits the audit migration into its table, indexes, function and triggers', async () => {
    const audit = (await loadSqlMigrations()).find((m) => m.name === 'audit');
    const statements = splitStatements(audit?.sql ?? '');
    expect(statements.map((s) => s.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'CREATE TABLE',
      'CREATE INDEX',
      'CREATE INDEX',
      'CREATE INDEX',
      'CREATE FUNCTION',
      'CREATE TRIGGER',
      'CREATE TRIGGER',
    ]);
    expect(statements[4]).toMatch(/\$\$\s*BEGIN[\s\S]*END;\s*\$\$$/);
  });
});

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

describe.each(backends)('migrations on $name', (backend) => {
  it.skipIf(!!backend.skip)('apply once, including the trigger bodies, and a second run applies nothing', async () => {
    const { env, dataDir } = await backend.freshEnv();
    const db = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite(`${dataDir}/db`);
    try {
      const applied = await migrateSchema(db);
      expect(applied).toContain('0003_audit');
      expect(await migrateSchema(db)).toEqual([]);
      const triggers = await db.query<{ tgname: string }>(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname",
      );
      expect(triggers.map((t) => t.tgname)).toEqual(['audit_events_no_truncate', 'audit_events_no_update_delete']);
    } finally {
      await db.close();
    }
  });
});

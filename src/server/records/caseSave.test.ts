import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from './pgliteClient';
import { caseHandlers } from './caseHandlers';
import { migrateSchema } from './schemaMigrations';
import type { SqlClient } from './sqlClient';
import { createSqlRecordsRepository } from './sqlRecordsRepository';

// The save path of PUT /api/cases/<id> (issue 17, the server under load): the stored case is read
// once per save, inside the save's transaction, for the version check and the board decisions alike.

let db: SqlClient;
const reads: string[] = [];

/** `inner` with every read of a case document noted in `reads`, in and outside transactions. */
function noteCaseReads(inner: SqlClient): SqlClient {
  const note = (sql: string): void => {
    if (/^SELECT document FROM cases\b/.test(sql)) reads.push(sql);
  };
  return {
    kind: inner.kind,
    location: inner.location,
    query: (sql, params) => {
      note(sql);
      return inner.query(sql, params);
    },
    exec: (sql) => inner.exec(sql),
    close: () => inner.close(),
    transaction: (fn) =>
      inner.transaction((tx) =>
        fn({
          query: (sql, params) => {
            note(sql);
            return tx.query(sql, params);
          },
        }),
      ),
  };
}

beforeAll(async () => {
  const inner = await openPglite();
  await migrateSchema(inner);
  db = noteCaseReads(inner);
});
afterAll(async () => {
  await db?.close();
});

const put = (id: string, version: number, body: Record<string, unknown>) => ({
  req: { headers: { 'if-match': `"${version}"` } } as unknown as IncomingMessage,
  url: new URL(`http://localhost/api/cases/${id}`),
  params: [id, ''] as [string, string],
  body,
  actor: 'dr-a',
});

describe('a case save', () => {
  it('reads the stored case once, and answers a stale save with a conflict carrying the current case', async () => {
    const handlers = caseHandlers(createSqlRecordsRepository(db));
    const created = await handlers.create({ ...put('', 1, { patient: { pseudonym: 'Save path' } }), params: ['', ''] });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;

    reads.length = 0;
    const saved = await handlers.update(put(id, 1, { patient: { pseudonym: 'Save path' }, notes: 'second' }));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id, version: 2, notes: 'second' });
    // Before issue 17 the handler read it outside the transaction too: two reads.
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/FOR UPDATE/);

    reads.length = 0;
    const stale = await handlers.update(put(id, 1, { patient: { pseudonym: 'Save path' }, notes: 'stale' }));
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.body)).toContain(`Case ${id} is at version 2; this save was based on version 1`);
    expect(JSON.stringify(stale.body)).toContain('"notes":"second"');
    expect(reads).toHaveLength(1);
  });

  it('answers a save of a case that does not exist with 404, reading nothing more', async () => {
    const handlers = caseHandlers(createSqlRecordsRepository(db));
    reads.length = 0;
    const missing = await handlers.update(put('3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', 1, { patient: { pseudonym: 'Nobody' } }));
    expect(missing.status).toBe(404);
    expect(reads).toHaveLength(1);
  });
});

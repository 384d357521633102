import { afterAll, describe, expect, it } from 'vitest';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { openPostgres } from './postgresClient';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));
const postgres = backends.find((b) => b.name === 'postgres');

describe('the PostgreSQL client under saves', () => {
  it.skipIf(!postgres || !!postgres.skip)('answers a read while every transaction connection is held by a save', async () => {
    const { env } = await postgres!.freshEnv();
    // One connection for transactions: the save below holds it until released.
    const db = await openPostgres(env.DATABASE_URL as string, 1, 1);
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    try {
      const save = db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        await held;
      });
      // With one pool for both (before issue 17) this read waited for the save: it would time out here.
      const read = db.query<{ n: number }>('SELECT 2 AS n');
      const answered = await Promise.race([read.then((r) => r[0]?.n), new Promise((r) => setTimeout(() => r('waited'), 2000))]);
      expect(answered).toBe(2);
      release();
      await save;
    } finally {
      release();
      await db.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseContentSchema, keyImageViewStateSchema } from '../../records';
import { authBackends, type AuthBackend } from '../auth/testDatabases';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { createKeyImagesRepository, type NewKeyImage } from './keyImagesRepository';

/*
 * The key image repository on both databases (embedded PGlite, and PostgreSQL when installed):
 * the PNG comes back byte for byte, lists are oldest first without removed rows, patches keep
 * what they leave out, a removed key image is gone for every reader but its row is kept.
 */

const { backends, stop } = await authBackends();
afterAll(() => stop());

const view = keyImageViewStateSchema.parse({ studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.4', slot: 'stack', mode: 'stack', stackIndex: 4, window: { width: 400, center: 40 } });
// Every byte value, so a driver that treats the column as text would be caught.
const png = new Uint8Array(Array.from({ length: 512 }, (_, i) => i % 256));

describe.each(backends)('key images repository on $name', (backend: AuthBackend) => {
  let db: SqlClient;
  let caseId: string;
  let t = Date.parse('2026-12-01T09:00:00.000Z');
  const input = (caption: string): NewKeyImage => ({ caseId, caption, purpose: 'board', view, references: [{ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '1.2.3.4.5' }], png, width: 16, height: 8 });

  beforeAll(async () => {
    if (backend.skip) return;
    db = await backend.freshDb();
    caseId = (await createSqlRecordsRepository(db).createCase(caseContentSchema.parse({ patient: { pseudonym: 'KI-001' } }), 'seed')).id;
  }, 120_000);
  afterAll(async () => db?.close());

  it.skipIf(!!backend.skip)('stores, lists oldest first, patches, removes (kept in the table)', async () => {
    // The clock runs backwards on purpose: order must come from created_at, not insertion order.
    const repo = createKeyImagesRepository(db, undefined, () => new Date((t -= 60_000)));
    expect(await repo.caseExists(caseId)).toBe(true);
    expect(await repo.caseExists('00000000-0000-4000-8000-000000000000')).toBe(false);
    const first = await repo.create(input('First saved'), 'att');
    const second = await repo.create(input('Second saved'), 'att');
    expect(first).toMatchObject({ caseId, caption: 'First saved', purpose: 'board', width: 16, height: 8, createdBy: 'att', pngUrl: `/api/key-images/${first.id}/png` });
    expect(first.view).toEqual(view);
    expect(first.createdAt).toBe('2026-12-01T08:59:00.000Z');
    expect((await repo.list(caseId)).map((k) => k.caption)).toEqual(['Second saved', 'First saved']);
    expect(Buffer.from((await repo.png(first.id))!).equals(Buffer.from(png))).toBe(true);

    const patched = await repo.patch(first.id, { purpose: 'teaching' });
    expect([patched?.caption, patched?.purpose]).toEqual(['First saved', 'teaching']);
    expect((await repo.patch(first.id, { caption: 'Renamed' }))?.purpose).toBe('teaching');

    expect(await repo.remove(second.id, 'att')).toBe(true);
    expect(await repo.remove(second.id, 'att')).toBe(false);
    expect(await repo.get(second.id)).toBeUndefined();
    expect(await repo.png(second.id)).toBeUndefined();
    expect(await repo.patch(second.id, { caption: 'x' })).toBeUndefined();
    expect((await repo.list(caseId)).map((k) => k.caption)).toEqual(['Renamed']);
    const [row] = await db.query<{ removed_by: string }>('SELECT removed_by FROM key_images WHERE id = $1', [second.id]);
    expect(row?.removed_by).toBe('att');
  });

  it.skipIf(!!backend.skip)('refuses a key image of a case that does not exist (foreign key)', async () => {
    const repo = createKeyImagesRepository(db);
    await expect(repo.create({ ...input('Orphan'), caseId: '00000000-0000-4000-8000-000000000000' }, 'att')).rejects.toThrow();
  });
});

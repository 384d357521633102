import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { FIXTURE_UIDS, plantedCtBytes } from '../../interop/deidentify/plantedFixture';
import { caseContentSchema, teachingFieldsSchema } from '../../records';
import type { Actor } from '../auth/actor';
import { createCatalogue } from '../catalogue';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { createTeachingFileStore } from './teachingFileStore';
import { createTeachingRepository } from './teachingRepository';
import type { NewTeachingCase } from './teachingParts';

/*
 * The teaching repository on PGlite (versions, 409 on a stale version, the secret kept apart from
 * the document) and the file store (atomic files under <dataDir>/teaching/<id>/, served by the
 * catalogue at once and again after a restart's index).
 */

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-teaching-store-'));
let db: SqlClient;
const actor: Actor = { username: 'att', name: 'Att', roles: ['attending'], mode: 'accounts', sessionHash: null, address: '127.0.0.1', csrfToken: null };
const doc: NewTeachingCase = {
  status: 'draft',
  fields: teachingFieldsSchema.parse({ title: 'Lytic metastasis' }),
  case: caseContentSchema.parse({ patient: { pseudonym: 'TEACH-00aa', pseudonymous: true } }),
  plans: [],
  studies: [],
  deidentification: { methods: [], files: 0, refused: [] },
  source: null,
  teachingPacs: null,
};

beforeAll(async () => {
  db = await openPglite();
  await migrateSchema(db);
});
afterAll(async () => {
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('teaching repository', () => {
  it('creates version 1, patches against the version read, answers 409 material on a stale one, keeps the secret out of the document', async () => {
    const repo = createTeachingRepository(db);
    const made = await repo.create(doc, { salt: 's3cr3t-salt', dateShiftDays: -40 }, actor);
    expect(made.version).toBe(1);
    expect(made.createdBy).toBe('att');
    expect(JSON.stringify(made)).not.toContain('s3cr3t-salt');
    expect(await repo.secret(made.id)).toEqual({ salt: 's3cr3t-salt', dateShiftDays: -40 });
    const patched = await repo.patch(made.id, 1, { status: 'published', fields: { presentation: '64 y, back pain' } }, { ...actor, username: 'att2' });
    expect(patched.ok && patched.value.version).toBe(2);
    expect(patched.ok && patched.value.fields).toMatchObject({ title: 'Lytic metastasis', presentation: '64 y, back pain' });
    expect(patched.ok && patched.value.updatedBy).toBe('att2');
    const stale = await repo.patch(made.id, 1, { status: 'hidden' }, actor);
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.reason === 'conflict' && stale.current.version).toBe(2);
    expect(await repo.patch('00000000-0000-4000-8000-000000000000', 1, {}, actor)).toEqual({ ok: false, reason: 'not-found' });
    await repo.setTeachingPacs(made.id, { sentAt: '2026-12-07T00:00:00.000Z', pacs: 'teach', stored: 3, failed: 0 });
    const got = await repo.get(made.id);
    expect(got?.version).toBe(2);
    expect(got?.teachingPacs?.stored).toBe(3);
    expect((await repo.list()).map((t) => t.id)).toContain(made.id);
  });
});

describe('teaching file store', () => {
  const id = '11111111-2222-4333-8444-555555555555';
  it('writes atomically under teaching/<id>/, serves through the catalogue at once, and again after a fresh index', async () => {
    const catalogue = createCatalogue([], studyListings);
    const store = createTeachingFileStore(temp, catalogue);
    expect((await store.indexAll()).files).toBe(0);
    const bytes = [1, 2].map((n) => plantedCtBytes(n));
    const sops = [FIXTURE_UIDS.instance(1), FIXTURE_UIDS.instance(2)];
    const written = await store.write(id, [
      { sopInstanceUID: sops[1]!, bytes: bytes[1]! },
      { sopInstanceUID: sops[0]!, bytes: bytes[0]! },
    ]);
    expect(written.map((f) => path.basename(f.path))).toEqual([`${sops[1]}.dcm`, `${sops[0]}.dcm`]);
    // No temp file left beside them.
    expect(readdirSync(path.join(temp, 'teaching', id)).sort()).toEqual([`${sops[0]}.dcm`, `${sops[1]}.dcm`]);
    expect(readFileSync(path.join(temp, 'teaching', id, `${sops[0]}.dcm`)).equals(Buffer.from(bytes[0]!))).toBe(true);
    expect(catalogue.fileOf(sops[0]!)).toBe(path.join(temp, 'teaching', id, `${sops[0]}.dcm`));
    expect(catalogue.studies().map((s) => s.studyInstanceUID)).toEqual([FIXTURE_UIDS.study]);
    expect(catalogue.seriesInstances(FIXTURE_UIDS.study, FIXTURE_UIDS.series)?.instances).toHaveLength(2);
    expect((await store.files(id)).map((f) => f.sopInstanceUID)).toEqual(sops);

    // A restart: a stray file outside <id>/<sop>.dcm is not served.
    writeFileSync(path.join(temp, 'teaching', 'stray.dcm'), bytes[0]!);
    const again = createCatalogue([], studyListings);
    const store2 = createTeachingFileStore(temp, again);
    expect((await store2.indexAll()).files).toBe(2);
    expect(again.fileOf(sops[1]!)).toBe(path.join(temp, 'teaching', id, `${sops[1]}.dcm`));
    expect((await store2.files(id.toUpperCase())).map((f) => f.sopInstanceUID)).toEqual(sops);
  });

  it('discard removes a half-made teaching case so the next start does not serve it', async () => {
    const other = '99999999-2222-4333-8444-555555555555';
    const store = createTeachingFileStore(temp, createCatalogue([], studyListings));
    await store.write(other, [{ sopInstanceUID: FIXTURE_UIDS.instance(5), bytes: plantedCtBytes(5) }]);
    await store.discard(other);
    expect(await store.files(other)).toEqual([]);
    const fresh = createTeachingFileStore(temp, createCatalogue([], studyListings));
    await fresh.indexAll();
    expect(await fresh.files(other)).toEqual([]);
  });

  it('refuses a file whose bytes hold another SOP Instance UID, and a path-like id', async () => {
    const store = createTeachingFileStore(temp, createCatalogue([], studyListings));
    await expect(store.write(id, [{ sopInstanceUID: '1.2.3', bytes: plantedCtBytes(3) }])).rejects.toThrow(/holds SOP Instance UID/);
    await expect(store.write('../x', [])).rejects.toThrow(/Not a teaching case id/);
  });
});

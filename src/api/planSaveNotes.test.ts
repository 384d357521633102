import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanContent } from '../records';
import { plansApi, saveNotesOf, SAVE_NOTES_HEADER } from './plans';

// The notes of a plan save (why its HU-based metrics were not computed) come in a header of the
// answer, percent-encoded JSON; the client hands them beside the document.

const stored = {
  id: '3f1c2a9e-6b7d-4e21-9c8a-5d4e3f2a1b0c',
  version: 4,
  schemaVersion: 1,
  createdAt: '2026-03-14T08:00:00.000Z',
  createdBy: 'Dr Test',
  updatedAt: '2026-03-14T09:30:15.250Z',
  updatedBy: 'Dr Test',
  archivedAt: null,
  archivedBy: null,
  caseId: '7d3c8f7e-2f0a-4c9e-9d61-0c1b2a3d4e5f',
  title: 'L2 plan',
  studyInstanceUID: '1.2.3',
  seriesInstanceUID: '1.2.3.4',
  frameOfReferenceUID: '1.2.3.5',
  status: 'draft',
  approvedBy: null,
  approvedAt: null,
  content: {},
};
const content: PlanContent = { title: 'L2 plan', studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4', frameOfReferenceUID: '1.2.3.5', status: 'draft', approvedBy: null, approvedAt: null, content: {} };

const NOTE = 'series 1.2.3.4 could not be read from the PACS at http://pacs.test/dicom-web, so plans on it get geometric metrics only: The PACS at http://pacs.test/dicom-web did not answer: connect ECONNREFUSED 10.0.0.7:8042.';
// Written by hand as the server writes it: ["…"] with every reserved character percent-encoded.
const ENCODED = `%5B%22${encodeURIComponent(NOTE)}%22%5D`;

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));

afterEach(() => vi.unstubAllGlobals());

describe('plan save notes', () => {
  it('a save answer with the header: the document and the note, exactly as the server wrote it', async () => {
    answer(200, stored, { [SAVE_NOTES_HEADER]: ENCODED });
    const r = await plansApi.save(stored.id, content, 3);
    expect(r).toEqual({ ok: true, document: expect.objectContaining({ id: stored.id, version: 4 }) as unknown, notes: [NOTE] });
  });

  it('a create answer carries them too; none when the header is absent', async () => {
    answer(201, stored, { [SAVE_NOTES_HEADER]: ENCODED });
    const made = await plansApi.create(stored.caseId, content);
    expect(made.ok && made.notes).toEqual([NOTE]);
    answer(200, stored);
    const saved = await plansApi.save(stored.id, content, 3);
    expect(saved.ok && saved.notes).toEqual([]);
  });

  it('a refusal is unchanged (no notes field, the problem as before)', async () => {
    answer(409, { error: 'Version 5 was saved meanwhile', code: 'version-conflict', current: { ...stored, version: 5 } }, { [SAVE_NOTES_HEADER]: ENCODED });
    const r = await plansApi.save(stored.id, content, 3);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.status, r.problem.code, r.problem.current?.version, 'notes' in r]).toEqual([409, 'version-conflict', 5, false]);
  });

  it('saveNotesOf: absent or empty is none; several notes in order; an unreadable header is named, not dropped', () => {
    expect(saveNotesOf(null)).toEqual([]);
    expect(saveNotesOf('')).toEqual([]);
    expect(saveNotesOf('%5B%22a%22%2C%22b%20c%22%5D')).toEqual(['a', 'b c']);
    expect(saveNotesOf('%5B%5D')).toEqual([]);
    expect(saveNotesOf('%E0%A4%A')).toEqual(['the server said why, in a form this page cannot read']);
    expect(saveNotesOf('%7B%22a%22%3A1%7D')).toEqual(['the server said why, in a form this page cannot read']);
  });
});

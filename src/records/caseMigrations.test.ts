import { describe, expect, it } from 'vitest';
import { CASE_MIGRATIONS } from './caseMigrations';
import { CASE_SCHEMA_VERSION } from './caseRecord';
import { migrateDocument } from './migrateDocument';
import { restoreCase } from './restoreCase';

const meta = {
  id: '0b7c1c2e-4d0a-4f43-9a55-3f1f0c7d2a11',
  version: 4,
  createdAt: '2026-01-01T10:00:00.000Z',
  createdBy: 'ir',
  updatedAt: '2026-01-02T10:00:00.000Z',
  updatedBy: 'ir',
  archivedAt: null,
  archivedBy: null,
};

const boardDecision = {
  id: '22222222-2222-4222-8222-222222222222',
  recommendations: ['cryoablation'],
  rationale: 'r',
  consensus: 'consensus',
  trial: { eligible: 'no', name: '' },
  actionBy: 'IR',
  recordedBy: 'att',
  recordedAt: '2026-12-10T09:30:00.000Z',
  boardId: '11111111-1111-4111-8111-111111111111',
  boardTitle: 'Bone metastasis board',
  meetingDate: '2026-12-10',
};

describe('case schema version 2 (board decisions)', () => {
  it('is the version this code writes', () => {
    expect(CASE_SCHEMA_VERSION).toBe(2);
  });

  it('lifts a stored version-1 case to 2 with an empty boardDecisions, keeping its content and version', () => {
    const v1 = { ...meta, schemaVersion: 1, patient: { pseudonym: 'BM-001' }, notes: 'kept', decision: { outcome: 'accepted', procedures: ['vertebroplasty'] } };
    const m = migrateDocument(v1, CASE_MIGRATIONS, 2);
    expect(m.ok && m.value.doc).toEqual({ ...v1, schemaVersion: 2, boardDecisions: [] });
    expect(m.ok && m.value.applied).toEqual(['1→2: tumour board decisions: an empty boardDecisions list']);
    const r = restoreCase(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.problems).toEqual([]);
    expect(r.value.document).toMatchObject({ schemaVersion: 2, version: 4, notes: 'kept', boardDecisions: [], decision: { outcome: 'accepted', procedures: ['vertebroplasty'] } });
  });

  it('restores a version-2 case with its board decisions, and drops only an unreadable entry (named)', () => {
    const r = restoreCase({ ...meta, schemaVersion: 2, patient: { pseudonym: 'BM-002' }, boardDecisions: [boardDecision, { ...boardDecision, id: 'nope' }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.document.boardDecisions.map((d) => [d.id, d.followThrough, d.dueDate])).toEqual([[boardDecision.id, null, null]]);
    expect(r.value.problems.map((p) => p.path)).toEqual(['boardDecisions[1].id']);
  });
});

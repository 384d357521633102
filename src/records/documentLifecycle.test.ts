import { describe, expect, it } from 'vitest';
import { changedPaths } from './changedPaths';
import { jsonSafetyIssues } from './jsonSafety';
import { migrateDocument } from './migrateDocument';
import { restoreCase } from './restoreCase';
import { restorePlan } from './restorePlan';
import { applyPlanRules } from './planRules';
import { planContentSchema, planDocumentSchema } from './plan';

const meta = {
  id: '0b7c1c2e-4d0a-4f43-9a55-3f1f0c7d2a11',
  version: 3,
  createdAt: '2024-01-01T10:00:00.000Z',
  createdBy: 'ir',
  updatedAt: '2024-01-02T10:00:00.000Z',
  updatedBy: 'ir',
  archivedAt: null,
  archivedBy: null,
};

describe('migrateDocument', () => {
  const steps = [
    { from: 0, describe: 'a', up: (d: Record<string, unknown>) => ({ ...d, a: true }) },
    { from: 1, describe: 'b', up: (d: Record<string, unknown>) => ({ ...d, b: d.a === true }) },
  ];

  it('applies the numbered steps from the stored version, without touching the input', () => {
    const raw = { x: 1 };
    const r = migrateDocument(raw, steps, 2);
    expect(r).toEqual({ ok: true, value: { doc: { x: 1, a: true, b: true, schemaVersion: 2 }, fromVersion: 0, applied: ['0→1: a', '1→2: b'] } });
    expect(raw).toEqual({ x: 1 });
    expect(migrateDocument({ schemaVersion: 1, a: false }, steps, 2)).toMatchObject({ ok: true, value: { doc: { b: false }, applied: ['1→2: b'] } });
  });

  it('refuses a newer schema, a bad version and a non-object', () => {
    expect(migrateDocument({ schemaVersion: 3 }, steps, 2)).toMatchObject({ ok: false, error: expect.stringMatching(/newer/) });
    expect(migrateDocument({ schemaVersion: '1' }, steps, 2).ok).toBe(false);
    expect(migrateDocument([1], steps, 2).ok).toBe(false);
    expect(migrateDocument({}, [], 1)).toMatchObject({ ok: false, error: 'No migration from schema version 0' });
  });
});

describe('restoreCase', () => {
  it('reads an unversioned hand-written case through migrations 0→1→2', () => {
    const r = restoreCase({ ...meta, patient: { pseudonym: 'Hand-written' } });
    expect(r.ok && r.value.document.schemaVersion).toBe(2);
    expect(r.ok && r.value.migrations.length).toBe(2);
    expect(r.ok && r.value.problems).toEqual([]);
  });

  it('keeps the good parts of a damaged case and reports the rest', () => {
    const r = restoreCase({
      ...meta,
      schemaVersion: 1,
      patient: { pseudonym: 42 },
      pain: { atRest: 'severe' },
      followUps: [{ date: '2024-01-08', label: '1 week' }, { date: 'soon' }],
      notes: 'kept',
      extra: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value.document;
    expect(d.notes).toBe('kept');
    expect(d.followUps.map((f) => f.label)).toEqual(['1 week']);
    expect(d.pain.atRest).toBeNull();
    expect(d.patient.pseudonym).toBe('Unreadable patient section');
    expect(r.value.problems.map((p) => p.path).sort()).toEqual(['extra', 'followUps[1].date', 'pain.atRest', 'patient.pseudonym']);
  });

  it('cannot restore a document without a valid envelope', () => {
    expect(restoreCase({ ...meta, id: 'nope', schemaVersion: 1, patient: { pseudonym: 'x' } }).ok).toBe(false);
  });

  it('refuses a plan whose frame of reference is unreadable', () => {
    const plan = { ...meta, schemaVersion: 1, caseId: meta.id, seriesInstanceUID: '1.2', frameOfReferenceUID: '1.3' };
    expect(restorePlan(plan).ok).toBe(true);
    expect(restorePlan({ ...plan, frameOfReferenceUID: 'x' }).ok).toBe(false);
  });
});

describe('changedPaths', () => {
  it('lists leaf paths, appended items and removed keys, ignoring the envelope', () => {
    const a = { version: 1, pain: { atRest: 3, onWeightBearing: 9 }, followUps: [{ pain: 2 }], notes: 'a', gone: 1 };
    const b = { version: 2, pain: { atRest: 3, onWeightBearing: 2 }, followUps: [{ pain: 1 }, { pain: 0 }], notes: 'a' };
    expect(changedPaths(a, b, { ignore: ['version'] })).toEqual({
      paths: ['pain.onWeightBearing', 'followUps[0].pain', 'followUps[1]', 'gone'],
      truncated: false,
    });
  });

  it('ignores key order and stops at the path limit', () => {
    expect(changedPaths({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } }).paths).toEqual([]);
    const many = changedPaths({ l: Array(10).fill(0) }, { l: Array(10).fill(1) }, { maxPaths: 3 });
    expect(many).toEqual({ paths: ['l[0]', 'l[1]', 'l[2]'], truncated: true });
  });
});

describe('jsonSafetyIssues', () => {
  it('finds NUL, lone surrogates, infinities and excessive depth, with paths', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const issues = jsonSafetyIssues({ a: 'x\u0000', b: ['\ud800'], c: Number.POSITIVE_INFINITY, deep, ['k\u0000']: 1 });
    expect(issues.map((i) => i.path).sort()).toEqual(['["k\\u0000"]', 'a', 'b[0]', 'c', 'deep' + '.d'.repeat(63)].sort());
    expect(jsonSafetyIssues({ ok: ['ü', '😀', 1.5, null, true] })).toEqual([]);
    expect(jsonSafetyIssues(JSON.parse('{"content":{"__proto__":{"x":1}}}'))).toEqual([
      { path: 'content.__proto__', message: 'Field name: is reserved in JavaScript and would be dropped' },
    ]);
  });
});

describe('applyPlanRules', () => {
  const base = planContentSchema.parse({ seriesInstanceUID: '1.2', frameOfReferenceUID: '1.3', content: { trajectories: [] } });
  const stored = planDocumentSchema.parse({ ...meta, schemaVersion: 1, caseId: meta.id, ...base, status: 'approved', approvedBy: 'board', approvedAt: meta.createdAt });

  it('stamps the approver and time when a plan is approved, and clears them in draft', () => {
    const r = applyPlanRules(undefined, { ...base, status: 'approved' }, 'dr-a', '2024-05-01T00:00:00.000Z');
    expect(r).toMatchObject({ ok: true, value: { approvedBy: 'dr-a', approvedAt: '2024-05-01T00:00:00.000Z' } });
    expect(applyPlanRules(stored, { ...base, status: 'draft', approvedBy: 'x' }, 'dr-a', 'now')).toMatchObject({ ok: true, value: { approvedBy: null, approvedAt: null } });
  });

  it('keeps the original approval when an approved plan is saved unchanged or marked performed', () => {
    const r = applyPlanRules(stored, { ...base, status: 'performed' }, 'dr-b', '2024-06-01T00:00:00.000Z');
    expect(r).toMatchObject({ ok: true, value: { approvedBy: 'board', approvedAt: meta.createdAt } });
  });

  it('refuses to change the geometry of an approved plan that stays approved', () => {
    const r = applyPlanRules(stored, { ...base, status: 'approved', content: { trajectories: [1] } }, 'dr-b', 'now');
    expect(r).toMatchObject({ ok: false, error: [{ path: 'status' }] });
  });
});

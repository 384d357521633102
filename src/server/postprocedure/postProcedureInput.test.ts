import { describe, expect, it } from 'vitest';
import { matrixFromParams } from '../../planning/postprocedure/rigid';
import { parsePostProcedureRequest, rigidMatrixProblem } from './postProcedureInput';

const I = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const uids = { studyInstanceUID: '1.2.3.1', seriesInstanceUID: '1.2.3.2' };

describe('rigidMatrixProblem', () => {
  it('accepts rotations with translations', () => {
    expect(rigidMatrixProblem(I)).toBeNull();
    // 90° about z: x → y, y → −x, with a translation.
    expect(rigidMatrixProblem([0, -1, 0, 10, 1, 0, 0, -5, 0, 0, 1, 3, 0, 0, 0, 1])).toBeNull();
    expect(rigidMatrixProblem(matrixFromParams({ rotationDeg: [12, -7, 20], translationMm: [25, -3, 8] }, [10, 20, 30]))).toBeNull();
  });
  it('refuses scaling, shear, reflection, a projective last row and non-finite numbers', () => {
    expect(rigidMatrixProblem([1.1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toMatch(/not a rotation/);
    expect(rigidMatrixProblem([1, 0.2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toMatch(/not a rotation/);
    expect(rigidMatrixProblem([-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toMatch(/reflection/);
    expect(rigidMatrixProblem([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0.5, 1])).toMatch(/last row/);
    expect(rigidMatrixProblem([NaN, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toMatch(/finite/);
  });
});

describe('parsePostProcedureRequest', () => {
  const refusal = (body: unknown, accept = false) => {
    const r = parsePostProcedureRequest(body, accept);
    if (r.ok) throw new Error('expected a refusal');
    return r.error as { status: number; body: { error: string; code: string; issues?: { path: string }[] } };
  };
  it('names a missing or bad field', () => {
    const missing = refusal({ studyInstanceUID: '1.2.3.1' });
    expect(missing.status).toBe(400);
    expect(missing.body.issues?.map((i) => i.path)).toEqual(['seriesInstanceUID']);
    expect(missing.body.error).toMatch(/seriesInstanceUID/);
    expect(refusal({ ...uids, extra: 1 }).body.issues?.map((i) => i.path)).toEqual(['extra']);
    expect(refusal({ ...uids, matrix: [1, 2, 3] }).body.issues?.[0]?.path).toBe('matrix');
    expect(refusal([]).body.code).toBe('invalid-json');
  });
  it('requires a rigid matrix to accept, and a region with min below max', () => {
    expect(parsePostProcedureRequest(uids, false).ok).toBe(true);
    expect(refusal(uids, true).body.issues?.map((i) => i.path)).toEqual(['matrix']);
    expect(parsePostProcedureRequest({ ...uids, matrix: I }, true).ok).toBe(true);
    const scaled = refusal({ ...uids, matrix: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1] });
    expect(scaled.body.error).toMatch(/matrix is not a rigid transform/);
    const flat = refusal({ ...uids, region: { minLps: [0, 0, 10], maxLps: [5, 5, 10] } });
    expect(flat.body.issues?.map((i) => i.path)).toEqual(['region.maxLps[2]']);
  });
});

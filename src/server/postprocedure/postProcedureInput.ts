import { issuesOf } from '../../records';
import { postProcedureRequestSchema, type PostProcedureRequest } from '../../records/postProcedure';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from '../records/apiProblem';

/**
 * Why a 4×4 matrix is not a rigid transform (rotation and translation only), or null when it
 * is: finite numbers, last row 0 0 0 1, an orthonormal upper-left 3×3 with determinant +1
 * (within 1e-3: the client's nudges are computed in floating point).
 */
export function rigidMatrixProblem(m: readonly number[]): string | null {
  if (m.length !== 16 || !m.every(Number.isFinite)) return 'must be 16 finite numbers';
  const tol = 1e-3;
  if (Math.abs(m[12]!) > tol || Math.abs(m[13]!) > tol || Math.abs(m[14]!) > tol || Math.abs(m[15]! - 1) > tol) return 'its last row must be 0 0 0 1';
  const col = (j: number): [number, number, number] => [m[j]!, m[4 + j]!, m[8 + j]!];
  const dot = (a: readonly number[], b: readonly number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const c: [number, number, number][] = [col(0), col(1), col(2)];
  for (let i = 0; i < 3; i++)
    for (let j = i; j < 3; j++) {
      const want = i === j ? 1 : 0;
      if (Math.abs(dot(c[i]!, c[j]!) - want) > tol) return 'its 3×3 part is not a rotation (columns not orthonormal: scaling or shear)';
    }
  const [a, b, d] = [c[0]!, c[1]!, c[2]!];
  const det = a[0] * (b[1] * d[2] - b[2] * d[1]) - a[1] * (b[0] * d[2] - b[2] * d[0]) + a[2] * (b[0] * d[1] - b[1] * d[0]);
  if (det < 0) return 'its 3×3 part is a reflection (determinant −1), not a rotation';
  return null;
}

const invalid = (message: string, issues: { path: string; message: string }[]): Reply => problem(400, 'invalid-fields', message, { issues });

/**
 * The body of a post-procedure run or accept, checked: the schema (each bad field named), a rigid
 * `matrix` (required when `matrixRequired`: an accept stores the transform a person looked at),
 * and a region whose min is below its max on every axis.
 */
export function parsePostProcedureRequest(body: unknown, matrixRequired: boolean): Result<PostProcedureRequest, Reply> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return err(problem(400, 'invalid-json', 'The body must be a JSON object {studyInstanceUID, seriesInstanceUID, matrix?, region?, manuallyAdjusted?, placedNeedles?}'));
  }
  const parsed = postProcedureRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    return err(invalid(`Invalid post-procedure request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues));
  }
  const request = parsed.data;
  if (matrixRequired && !request.matrix) {
    return err(invalid('Invalid post-procedure request: matrix is required to accept an assessment (the transform that was reviewed)', [{ path: 'matrix', message: 'Required' }]));
  }
  if (request.matrix) {
    const why = rigidMatrixProblem(request.matrix);
    if (why) return err(invalid(`Invalid post-procedure request: matrix is not a rigid transform: ${why}`, [{ path: 'matrix', message: `Not a rigid transform: ${why}` }]));
  }
  if (request.region) {
    const { minLps, maxLps } = request.region;
    const axis = [0, 1, 2].find((a) => !(minLps[a]! < maxLps[a]!));
    if (axis !== undefined) {
      const path = `region.maxLps[${axis}]`;
      return err(invalid(`Invalid post-procedure request: ${path} must be greater than region.minLps[${axis}]`, [{ path, message: 'Must be greater than the minimum' }]));
    }
  }
  return ok(request);
}

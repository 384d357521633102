import { postProcedureAssessmentSchema, type LeakReport, type NeedleReport, type PostProcedureAssessment } from './postProcedure';

/**
 * Hand-written post-procedure assessments for the view tests (records and ui): a pelvis
 * cementoplasty with two lesions, two needles and two leaks, every number chosen by hand.
 * Parsed with the stored schema, so a fixture that drifts from the contract fails loudly.
 */

export const PLAN_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const PLAN_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
export const CASE_ID = 'cccccccc-0000-4000-8000-00000000000c';

export const needle = (over: Partial<NeedleReport> = {}): NeedleReport => ({
  trajectoryId: 'T1', found: 'detected', entryErrorMm: 1.2, tipErrorMm: 2.04, angleDeg: 0.8, depthMm: 61.5, plannedDepthMm: 62,
  entryLps: [0, 0, 0], tipLps: [1, 1, 1], ...over,
});

export const leak = (over: Partial<LeakReport> = {}): LeakReport => ({
  id: 'K1', volumeMl: 0.25, location: 'venous', centreLps: [0, 0, 0], nearestStructure: 'Bladder (urine)', nearestStructureId: 'S-bladder', distanceMm: 14.2, flagged: false, ...over,
});

/** Rotation of 10° about z as a row-major matrix, translation (5, -3, 2) mm. */
const c = Math.cos((10 * Math.PI) / 180);
const s = Math.sin((10 * Math.PI) / 180);
export const MATRIX_10DEG = [c, -s, 0, 5, s, c, 0, -3, 0, 0, 1, 2, 0, 0, 0, 1];

export function assessment(over: { planId?: string; version?: number; acceptedAt?: string; manuallyAdjusted?: boolean; needles?: NeedleReport[]; leaks?: LeakReport[]; status?: 'ok' | 'failed' } = {}): PostProcedureAssessment {
  const version = over.version ?? 1;
  return postProcedureAssessmentSchema.parse({
    id: `dddddddd-0000-4000-8000-${String(version).padStart(12, '0')}`,
    planId: over.planId ?? PLAN_A,
    caseId: CASE_ID,
    version,
    acceptedBy: 'dr.ir',
    acceptedAt: over.acceptedAt ?? '2031-05-04T09:30:00.000Z',
    manuallyAdjusted: over.manuallyAdjusted ?? false,
    result: {
      registration: {
        matrix: MATRIX_10DEG,
        status: over.status ?? 'ok',
        message: over.status === 'failed' ? 'no overlap between the scans' : null,
        rotationDeg: [0, 0, 10],
        translationMm: [5, -3, 2],
        region: { minLps: [-50, -50, -50], maxLps: [50, 50, 50] },
        residual: { ncc: 0.934, edgeDistanceMm: 0.61, samples: 41230 },
        source: 'automatic',
        elapsedMs: 5400,
      },
      needles: over.needles ?? [needle(), needle({ trajectoryId: 'T2', entryErrorMm: null, tipErrorMm: 3.0, angleDeg: 1.46, depthMm: 48.24, plannedDepthMm: 50 })],
      cement: {
        volumeMl: 12.34,
        thresholdHu: 1650,
        lesions: [
          { lesionId: 'L-acetabulum', fillPct: 72.4, lesionVolumeMl: 14.2, cementInLesionMl: 10.28 },
          { lesionId: 'L-ramus', fillPct: 44, lesionVolumeMl: 3.5, cementInLesionMl: 1.54 },
        ],
        leaks: over.leaks ?? [leak(), leak({ id: 'K2', volumeMl: 0.3, location: 'soft-tissue', nearestStructure: 'Femoral vein', nearestStructureId: 'S-fv', distanceMm: 3.1, flagged: true })],
      },
      cbct: { studyInstanceUID: '1.2.3.4', seriesInstanceUID: '1.2.3.4.5', frameOfReferenceUID: '1.2.3.9' },
      planningSeriesInstanceUID: '1.2.3.1',
      warnings: [],
      method: 'test-fixture',
    },
  });
}

export const LABELS_A = {
  title: 'Acetabulum and ramus cementoplasty',
  lesions: new Map([
    ['L-acetabulum', 'Right superior acetabulum: lytic metastasis with pathological fracture'],
    ['L-ramus', 'Right superior pubic ramus: lytic metastasis'],
  ]),
  trajectories: new Map([
    ['T1', 'Bone access needle, right superior acetabulum'],
    ['T2', 'Bone access needle, right superior pubic ramus'],
  ]),
};

// Test support (imported by the post-procedure suites only): a hand-written, schema-valid analysis result.
import type { PostProcedureResult } from '../../records/postProcedure';

/** A result as the analysis would answer it, with a translation of `dx` mm so that two results differ. */
export function testResult(dx = 0): PostProcedureResult {
  return {
    registration: {
      matrix: [1, 0, 0, dx, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
      status: 'ok',
      message: null,
      rotationDeg: [0, 0, 0],
      translationMm: [dx, 0, 0],
      region: { minLps: [-100, -60, 100], maxLps: [-40, 0, 200] },
      residual: { ncc: 0.93, edgeDistanceMm: 0.6, samples: 12_000 },
      source: 'given',
      elapsedMs: 12,
    },
    needles: [
      {
        trajectoryId: 'cement-acetabular',
        found: 'detected',
        entryErrorMm: 2.1,
        tipErrorMm: 1.4,
        angleDeg: 2.5,
        depthMm: 71.2,
        plannedDepthMm: 70,
        entryLps: [-120, -80, 150],
        tipLps: [-72, -25, 153],
      },
    ],
    cement: {
      volumeMl: 6.2,
      thresholdHu: 1650,
      lesions: [{ lesionId: 'L1', fillPct: 55, lesionVolumeMl: 10.3, cementInLesionMl: 5.7 }],
      leaks: [
        {
          id: 'leak-1',
          volumeMl: 0.3,
          location: 'venous',
          centreLps: [-60, -20, 140],
          nearestStructure: 'External iliac vein',
          nearestStructureId: 's1',
          distanceMm: 3.2,
          flagged: true,
        },
      ],
    },
    cbct: { studyInstanceUID: '1.2.3.1', seriesInstanceUID: '1.2.3.2', frameOfReferenceUID: '1.2.3.3' },
    planningSeriesInstanceUID: '1.2.4.2',
    warnings: [],
    method: 'percuplan-postprocedure/1',
  };
}

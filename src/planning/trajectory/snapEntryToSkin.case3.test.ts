import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSeries } from '../../../sample-dicom/testSupport/readSeries';
import { lps, type LpsPoint } from '../../shared/vec3';
import type { ScalarVolume } from './gridGeometry';
import { snapEntryToSkin } from './snapEntryToSkin';

const DIR = fileURLToPath(new URL('../../../sample-dicom/generated/case3-spine-ct/', import.meta.url));
const present = existsSync(`${DIR}truth.json`) && existsSync(`${DIR}IM0001.dcm`);
if (!present) console.warn(`[snap to skin, case 3] skipped: ${DIR} has no generated study (run npm run sample-dicom)`);

interface Truth {
  landmarks: Record<string, [number, number, number]>;
  geometry: { pixelSpacing: [number, number]; sliceSpacing: number; firstPosition: [number, number, number] };
}

/**
 * Case 3's generator (sample-dicom/studies/case3SpineCt.ts, anatomy/bodyWall.ts) lays the patient
 * on a table whose top is at y = 100 mm: the back is flattened at y = 99.5, the table's top shell
 * lies at y ≈ 101.4–102.6 and its bottom shell at y ≈ 126.4–127.6, with foam (−930 HU) between.
 * A left transpedicular track 12° from sagittal, in the axial plane of the T10 landmarks, from
 * the body centre's depth (y = B.y) leaves the back at x ≈ 28 mm, where the outline is flattened.
 */
describe.skipIf(!present)('snapping a posterior entry to the skin on the case 3 CT', () => {
  let ct: ScalarVolume;
  let target: LpsPoint;
  let u: [number, number];
  beforeAll(() => {
    const truth = JSON.parse(readFileSync(`${DIR}truth.json`, 'utf8')) as Truth;
    const s = readSeries(DIR);
    const g = truth.geometry;
    const o = g.firstPosition;
    // Stacked head to foot, as case3Trajectory.test.ts reads it.
    ct = {
      dimensions: [s.columns, s.rows, s.slices],
      spacing: [g.pixelSpacing[1], g.pixelSpacing[0], g.sliceSpacing],
      origin: lps(o[0], o[1], o[2]),
      direction: [[1, 0, 0], [0, 1, 0], [0, 0, -1]],
      scalars: s.hu,
    };
    const [P, B] = [truth.landmarks.T10PedicleLeft!, truth.landmarks.T10BodyCentre!];
    const t = Math.tan((12 * Math.PI) / 180);
    target = lps(P[0] - (P[1] - B[1]) * t, B[1], B[2]);
    const len = Math.hypot(P[0] - target[0], P[1] - target[1]);
    u = [(P[0] - target[0]) / len, (P[1] - target[1]) / len];
  });
  /** The point on the track where it reaches depth y. */
  const atY = (y: number): LpsPoint => {
    const s = (y - target[1]) / u[1];
    return lps(target[0] + s * u[0], y, target[2]);
  };

  it('puts the entry on the back (y 98.5–100 mm), not under the table, from inside, the gap, the table or below it', () => {
    for (const y of [95, 101, 115, 140]) {
      const p = snapEntryToSkin(ct, atY(y), target);
      expect(p, `planned entry at y = ${y}`).not.toBeNull();
      expect(p![1], `planned entry at y = ${y}`).toBeGreaterThan(98.5);
      expect(p![1], `planned entry at y = ${y}`).toBeLessThan(100);
      // Depth from the target: (99.5 − B.y) / cos 12° within the 0.5 mm the skin edge may blur.
      const depth = Math.hypot(p![0] - target[0], p![1] - target[1], p![2] - target[2]);
      expect(Math.abs(depth - (99.5 - target[1]) / Math.cos((12 * Math.PI) / 180))).toBeLessThan(0.6);
    }
  });
});

import type { LpsBox } from '../../records/postProcedure';
import { sampleTrilinear } from '../trajectory/sampleTrilinear';
import type { PlanningVolume } from '../volume/planningVolume';
import { indexToIndex } from './cement/affineIndex';
import { isPadding } from './fieldOfView';
import { voxelBoxOfPoints, boxCorners } from './region';
import type { Matrix4 } from './rigid';

/** Soft tissue to dense bone: the window both scans are compared in (cement and metal clamp to its top). */
const WINDOW: readonly [number, number] = [-200, 1500];
/** CBCT samples above this are cement or metal, which the planning CT lacks. */
const DENSE_HU = 1800;

const clamp = (v: number) => (v < WINDOW[0] ? WINDOW[0] : v > WINDOW[1] ? WINDOW[1] : v);

/**
 * The residual of a transform given by the caller (no registration ran): the normalised cross-
 * correlation of the planning CT and the CBCT through `m`, both clamped to −200…1500 HU, over
 * planning voxels of the region on a lattice of about `stepMm`, leaving out CBCT samples
 * outside its grid or field of view and those reading as cement or metal.
 */
export function givenResidual(ct: PlanningVolume, cbct: PlanningVolume, m: Matrix4, region: LpsBox, padding: number | null, stepMm = 2): { ncc: number; samples: number } {
  const box = voxelBoxOfPoints(ct, boxCorners(region));
  const a = indexToIndex(ct, m, cbct);
  const step = ct.spacing.map((s) => Math.max(1, Math.round(stepMm / s)));
  const [nx, ny] = ct.dimensions;
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let k = box.offset[2]; k < box.offset[2] + box.size[2]; k += step[2]!) {
    for (let j = box.offset[1]; j < box.offset[1] + box.size[1]; j += step[1]!) {
      for (let i = box.offset[0]; i < box.offset[0] + box.size[0]; i += step[0]!) {
        const fi = a[0]! * i + a[1]! * j + a[2]! * k + a[3]!, fj = a[4]! * i + a[5]! * j + a[6]! * k + a[7]!, fk = a[8]! * i + a[9]! * j + a[10]! * k + a[11]!;
        const b = sampleTrilinear(cbct, fi, fj, fk);
        if (Number.isNaN(b) || b >= DENSE_HU || isPadding(cbct, padding, Math.round(fi), Math.round(fj), Math.round(fk))) continue;
        const x = clamp(ct.scalars[i + nx * (j + ny * k)]!), y = clamp(b);
        n++;
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
      }
    }
  }
  if (n < 2) return { ncc: 0, samples: n };
  const va = saa - (sa * sa) / n, vb = sbb - (sb * sb) / n;
  const ncc = va > 0 && vb > 0 ? (sab - (sa * sb) / n) / Math.sqrt(va * vb) : 0;
  return { ncc, samples: n };
}

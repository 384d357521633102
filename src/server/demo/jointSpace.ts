import { err, ok, type Result } from '../../shared/result';
import type { LpsPoint } from '../../shared/vec3';
import { sampleTrilinear } from '../../planning/trajectory/sampleTrilinear';
import { worldToIndex } from '../../planning/volume/indexWorld';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { lps } from '../../shared/vec3';

/** Cortical bone on CT: the femoral head's and the acetabulum's subchondral plates read above this. */
const CORTEX_HU = 600;

/** Radii of a hip joint space round a femoral head centre, mm. */
export interface JointSpaceRadii {
  /** The femoral head's surface (outer edge of its subchondral plate). */
  readonly headMm: number;
  /** The acetabulum's articular surface (inner edge of its subchondral plate). */
  readonly cupMm: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Measures the hip joint space on the CT along rays from the femoral head centre up into the
 * acetabular roof (straight up and 30° and 45° off it toward the front, back, side and
 * midline): on each ray, the head's subchondral plate, then the gap, then the acetabulum's
 * plate. The medians of the rays' radii are returned; fails when fewer than half the rays
 * find both plates.
 */
export function measureHipJointSpace(volume: PlanningVolume, headCentre: LpsPoint): Result<JointSpaceRadii> {
  const heads: number[] = [], cups: number[] = [];
  const rays: [number, number, number][] = [[0, 0, 1]];
  for (const tilt of [30, 45]) {
    const t = (tilt * Math.PI) / 180;
    for (const [x, y] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) rays.push([x * Math.sin(t), y * Math.sin(t), Math.cos(t)]);
  }
  for (const u of rays) {
    const hu = (r: number) => {
      const f = worldToIndex(volume, lps(headCentre[0] + u[0] * r, headCentre[1] + u[1] * r, headCentre[2] + u[2] * r));
      return sampleTrilinear(volume, f[0], f[1], f[2]);
    };
    let state: 'marrow' | 'head' | 'gap' = 'marrow', head = NaN;
    for (let r = 5; r <= 45; r += 0.25) {
      const h = hu(r);
      if (Number.isNaN(h)) break;
      if (state === 'marrow' && h >= CORTEX_HU) state = 'head';
      else if (state === 'head' && h < CORTEX_HU) {
        state = 'gap';
        head = r;
      } else if (state === 'gap' && h >= CORTEX_HU) {
        heads.push(head);
        cups.push(r);
        break;
      }
    }
  }
  if (heads.length < rays.length / 2) return err(`hip joint space: found on ${heads.length} of ${rays.length} rays from [${headCentre.join(', ')}]`);
  return ok({ headMm: median(heads), cupMm: median(cups) });
}

import type { Vec3 } from '../../src/shared/vec3';
import { tube } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import { vertebraPoints, type Collapse, type VertebraSize, type VertebraSpec } from './vertebra';

/** Adult male averages (mm) from T6 to L5: body, canal and pedicle sizes. */
export const NOMINAL_SIZES: Readonly<Record<string, VertebraSize>> = {
  T5: { width: 29, depth: 25, height: 19.5, canalWidth: 16, canalDepth: 15, pedicleWidth: 6, pedicleHeight: 12 },
  T6: { width: 30, depth: 26, height: 20, canalWidth: 16, canalDepth: 15, pedicleWidth: 6, pedicleHeight: 12 },
  T7: { width: 31, depth: 27, height: 20.5, canalWidth: 16, canalDepth: 15, pedicleWidth: 6, pedicleHeight: 12.5 },
  T8: { width: 32, depth: 28, height: 21, canalWidth: 16, canalDepth: 15, pedicleWidth: 6.5, pedicleHeight: 13 },
  T9: { width: 34, depth: 29, height: 21.5, canalWidth: 16.5, canalDepth: 15, pedicleWidth: 7, pedicleHeight: 13.5 },
  T10: { width: 36, depth: 30, height: 22, canalWidth: 17, canalDepth: 15.5, pedicleWidth: 7.5, pedicleHeight: 14 },
  T11: { width: 38, depth: 31, height: 23, canalWidth: 17.5, canalDepth: 16, pedicleWidth: 8, pedicleHeight: 15 },
  T12: { width: 40, depth: 32, height: 24, canalWidth: 19, canalDepth: 16, pedicleWidth: 8, pedicleHeight: 15 },
  L1: { width: 42, depth: 32, height: 25, canalWidth: 21, canalDepth: 17, pedicleWidth: 8, pedicleHeight: 15 },
  L2: { width: 44, depth: 33, height: 26, canalWidth: 22, canalDepth: 17, pedicleWidth: 9, pedicleHeight: 15 },
  L3: { width: 46, depth: 34, height: 27, canalWidth: 23, canalDepth: 17, pedicleWidth: 10, pedicleHeight: 15 },
  L4: { width: 48, depth: 35, height: 27, canalWidth: 23, canalDepth: 18, pedicleWidth: 11, pedicleHeight: 14 },
  L5: { width: 50, depth: 35, height: 26, canalWidth: 25, canalDepth: 18, pedicleWidth: 13, pedicleHeight: 14 },
};

/** Height (mm) of the disc below each level. */
export const DISC_BELOW: Readonly<Record<string, number>> = {
  T5: 5, T6: 5, T7: 5, T8: 5.5, T9: 6, T10: 6, T11: 6.5, T12: 8, L1: 9, L2: 10, L3: 11, L4: 11, L5: 10,
};

export const INTACT: Collapse = { anterior: 1, posterior: 1, central: 1 };

export interface LevelDef {
  name: string;
  collapse?: Collapse;
}

/**
 * Stacks vertebrae from the lowest level's inferior endplate at `bottomZ` upwards: each
 * body takes its (possibly collapsed) height, then the disc above it. `yAt(z)` gives the
 * body centre's y for the sagittal curve (kyphosis, lordosis); `scale` shrinks a smaller
 * patient. Levels are given top to bottom and returned in the same order.
 */
export function layoutColumn(levels: readonly LevelDef[], bottomZ: number, yAt: (z: number) => number, scale = 1): VertebraSpec[] {
  const out: VertebraSpec[] = [];
  let z = bottomZ;
  for (let i = levels.length - 1; i >= 0; i--) {
    const def = levels[i]!;
    const nominal = NOMINAL_SIZES[def.name];
    if (!nominal) throw new Error(`no nominal size for ${def.name}`);
    const size = Object.fromEntries(Object.entries(nominal).map(([k, v]) => [k, v * scale])) as unknown as VertebraSize;
    const collapse = def.collapse ?? INTACT;
    const bodyH = Math.max(collapse.anterior, collapse.posterior, collapse.central) * size.height;
    const discBelow = (DISC_BELOW[def.name] ?? 6) * scale;
    const above = levels[i - 1];
    const discAbove = (above ? DISC_BELOW[above.name] ?? 6 : 6) * scale;
    const cz = z + bodyH / 2;
    out.unshift({ name: def.name, region: def.name.startsWith('T') ? 'thoracic' : 'lumbar', size, centre: [0, yAt(cz), cz], collapse, segmentHeight: bodyH + (discAbove + discBelow) / 2 });
    z += bodyH + discAbove;
  }
  return out;
}

/** Polyline through the canal centres, extended by `extend` mm at both ends. */
export function canalPath(column: readonly VertebraSpec[], extend: number): Vec3[] {
  const pts = column.map((v) => vertebraPoints(v).canalCentre);
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  return [[first[0], first[1], first[2] + extend], ...pts, [last[0], last[1], last[2] - extend]];
}

/** Epidural space, thecal sac and (above the conus at L1–L2) the cord, as three tubes. */
export function canalContents(column: readonly VertebraSpec[], extend: number, conusZ: number): { epidural: Shape; sac: Shape; cord: Shape | undefined } {
  const path = canalPath(column, extend);
  const radius = column.map((v) => Math.min(v.size.canalWidth, v.size.canalDepth) / 2);
  const r = [radius[0]!, ...radius, radius[radius.length - 1]!];
  const cordPts = path.filter((p) => p[2] > conusZ);
  return {
    epidural: tube(path, r.map((x) => x + 1.5)),
    sac: tube(path, r.map((x) => x * 0.72)),
    cord: cordPts.length >= 2 ? tube(cordPts, 4.2) : undefined,
  };
}

import { voxel } from '../../../shared/vec3';
import type { VoxelMask } from '../../mask/voxelMask';
import type { StructureDraft } from '../../plan/planDraft';
import type { StructureKind } from '../../records/structureAtRisk';
import { indexToWorld, worldToIndexMatrix } from '../../volume/indexWorld';
import type { VolumeGeometry } from '../../volume/volumeGeometry';

/** A structure at risk made ready for distance queries (planning LPS). */
export interface StructureShape {
  readonly id: string;
  readonly name: string;
  readonly kind: StructureKind;
  /** Distance (mm) from the nearest of `points` (flat xyz) to the structure, 0 when one lies inside. */
  distanceMm(points: ArrayLike<number>): number;
}

const MAX_POINTS = 600;

/** The points to measure from: all of them, or an even subsample of at most 600. */
function subsample(points: ArrayLike<number>): number[] {
  const n = Math.floor(points.length / 3);
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const out: number[] = [];
  for (let p = 0; p < n; p += step) out.push(points[3 * p]!, points[3 * p + 1]!, points[3 * p + 2]!);
  return out;
}

function tubeShape(d: StructureDraft, pts: readonly (readonly [number, number, number])[], radius: number): StructureShape {
  const segDist = (x: number, y: number, z: number): number => {
    let best = Infinity;
    for (let s = 0; s < Math.max(1, pts.length - 1); s++) {
      const a = pts[s]!, b = pts[Math.min(s + 1, pts.length - 1)]!;
      const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
      const l2 = ab[0]! ** 2 + ab[1]! ** 2 + ab[2]! ** 2;
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * ab[0]! + (y - a[1]) * ab[1]! + (z - a[2]) * ab[2]!) / l2));
      best = Math.min(best, Math.hypot(x - a[0] - t * ab[0]!, y - a[1] - t * ab[1]!, z - a[2] - t * ab[2]!));
    }
    return best;
  };
  return {
    id: d.record.id,
    name: d.record.name,
    kind: d.record.kind,
    distanceMm(points) {
      const n = Math.floor(points.length / 3);
      let best = Infinity;
      for (let p = 0; p < n; p++) best = Math.min(best, segDist(points[3 * p]!, points[3 * p + 1]!, points[3 * p + 2]!) - radius);
      return Math.max(0, best);
    },
  };
}

function maskShape(d: StructureDraft, ct: VolumeGeometry, mask: VoxelMask): StructureShape {
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  const at = (x: number, y: number, z: number) => (x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz ? 0 : mask.data[(z * sy + y) * sx + x]!);
  const surface: number[] = [];
  for (let z = 0, p = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, p++) {
    if (mask.data[p] !== 1) continue;
    if (at(x - 1, y, z) && at(x + 1, y, z) && at(x, y - 1, z) && at(x, y + 1, z) && at(x, y, z - 1) && at(x, y, z + 1)) continue;
    const w = indexToWorld(ct, voxel(ox + x, oy + y, oz + z));
    surface.push(w[0], w[1], w[2]);
  }
  const m = worldToIndexMatrix(ct);
  const inside = (x: number, y: number, z: number): boolean => {
    const dx = x - ct.origin[0], dy = y - ct.origin[1], dz = z - ct.origin[2];
    return at(Math.round(m[0] * dx + m[1] * dy + m[2] * dz) - ox, Math.round(m[3] * dx + m[4] * dy + m[5] * dz) - oy, Math.round(m[6] * dx + m[7] * dy + m[8] * dz) - oz) === 1;
  };
  return {
    id: d.record.id,
    name: d.record.name,
    kind: d.record.kind,
    distanceMm(points) {
      const n = Math.floor(points.length / 3);
      for (let p = 0; p < n; p++) if (inside(points[3 * p]!, points[3 * p + 1]!, points[3 * p + 2]!)) return 0;
      const q = subsample(points);
      // Box of the query points: a surface point farther from it than the best so far cannot do better.
      const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
      for (let p = 0; p < q.length; p += 3) for (let a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a]!, q[p + a]!);
        hi[a] = Math.max(hi[a]!, q[p + a]!);
      }
      let best2 = Infinity;
      for (let s = 0; s < surface.length; s += 3) {
        const x = surface[s]!, y = surface[s + 1]!, z = surface[s + 2]!;
        const bx = Math.max(lo[0]! - x, 0, x - hi[0]!), by = Math.max(lo[1]! - y, 0, y - hi[1]!), bz = Math.max(lo[2]! - z, 0, z - hi[2]!);
        if (bx * bx + by * by + bz * bz >= best2) continue;
        for (let p = 0; p < q.length; p += 3) {
          const d2 = (q[p]! - x) ** 2 + (q[p + 1]! - y) ** 2 + (q[p + 2]! - z) ** 2;
          if (d2 < best2) best2 = d2;
        }
      }
      return Math.sqrt(best2);
    },
  };
}

/** The plan's structures at risk as shapes to measure against (a mask structure not on this grid is left out). */
export function structureShapes(ct: VolumeGeometry, structures: readonly StructureDraft[]): StructureShape[] {
  const out: StructureShape[] = [];
  for (const d of structures) {
    if (d.shape.kind === 'tube') out.push(tubeShape(d, d.shape.pointsLps, d.shape.radiusMm));
    else if (d.mask) out.push(maskShape(d, ct, d.mask));
  }
  return out;
}

/** The structure nearest to a set of points, with its distance; null when there are none. */
export function nearestStructure(points: ArrayLike<number>, shapes: readonly StructureShape[]): { shape: StructureShape; distanceMm: number } | null {
  let best: { shape: StructureShape; distanceMm: number } | null = null;
  for (const shape of shapes) {
    const d = shape.distanceMm(points);
    if (!best || d < best.distanceMm) best = { shape, distanceMm: d };
  }
  return best;
}

import { lps, type LpsPoint } from '../../shared/vec3';
import type { VoxelMask } from '../mask/voxelMask';
import type { RecomputeContext, RecomputeStructure } from '../trajectory/recomputePlanMetrics';
import { prepareMask, type PreparedMask } from '../trajectory/preparedMask';
import type { Trajectory } from '../trajectory/trajectorySchema';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { indexToWorld } from '../volume/indexWorld';
import { voxel } from '../../shared/vec3';
import { prepareLesion, type PreparedLesion } from '../zones/preparedLesion';
import { canalPointFinder } from './canalPointFinder';
import type { PlanDraft } from './planDraft';

// Preparing a mask (distance maps) costs milliseconds to a second; masks are immutable, so
// each is prepared once and found again by identity while it is unchanged.
const preparedMasks = new WeakMap<VoxelMask, PreparedMask>();
const preparedLesions = new WeakMap<VoxelMask, PreparedLesion>();
const centroids = new WeakMap<VoxelMask, LpsPoint | null>();

const binary = (mask: VoxelMask, geometry: VolumeGeometry) => ({ geometry, box: mask.box, data: mask.data });

function preparedMask(mask: VoxelMask, geometry: VolumeGeometry): PreparedMask {
  let p = preparedMasks.get(mask);
  if (!p) {
    p = prepareMask(binary(mask, geometry));
    preparedMasks.set(mask, p);
  }
  return p;
}

function preparedLesion(mask: VoxelMask, geometry: VolumeGeometry): PreparedLesion {
  let p = preparedLesions.get(mask);
  if (!p) {
    p = prepareLesion(binary(mask, geometry));
    preparedLesions.set(mask, p);
  }
  return p;
}

/** The mean LPS position of a mask's voxels, or null for an empty mask. */
export function maskCentroid(mask: VoxelMask, geometry: VolumeGeometry): LpsPoint | null {
  if (centroids.has(mask)) return centroids.get(mask) ?? null;
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  let n = 0, si = 0, sj = 0, sk = 0;
  for (let z = 0, p = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) {
        if (mask.data[p]) {
          n++;
          si += x;
          sj += y;
          sk += z;
        }
      }
    }
  }
  const c = n === 0 ? null : indexToWorld(geometry, voxel(ox + si / n, oy + sj / n, oz + sk / n));
  centroids.set(mask, c);
  return c;
}

/**
 * What the trajectory and zone metrics need from a plan's lesions and structures, on the
 * grid they were drawn on: prepared masks (cached per mask), each structure's safety
 * distance, and a canal point for the transpedicular check ({@link canalPointFinder}). Shared by the
 * viewer (live metrics) and the server (recomputation on save), so both give the same numbers.
 */
export function metricsInputs(
  draft: PlanDraft,
  geometry: VolumeGeometry,
  /** Lesions are only needed for the zone metrics: skip preparing them (a distance map each) when no device ablates. */
  options: { lesions: boolean } = { lesions: true },
): Pick<RecomputeContext, 'structures' | 'lesions' | 'canalPoint'> {
  const structures: RecomputeStructure[] = draft.structures.flatMap((s) =>
    s.mask ? [{ id: s.record.id, label: s.record.name, mask: preparedMask(s.mask, geometry), safetyDistanceMm: s.record.safetyDistanceMm }] : [],
  );
  const lesions = options.lesions ? draft.lesions.flatMap((l) => (l.mask ? [{ id: l.record.id, lesion: preparedLesion(l.mask, geometry) }] : [])) : [];
  const find = canalPointFinder(draft.structures.flatMap((s) => (s.mask ? [{ kind: s.record.kind, mask: s.mask, geometry }] : [])));
  return { structures, lesions, canalPoint: (t: Trajectory) => find(lps(...t.target)) };
}

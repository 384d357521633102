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
import type { PlanDraft, StructureDraft } from './planDraft';

// Preparing a mask (distance maps) costs milliseconds to a second; masks are immutable, so
// each is prepared once and found again by identity while it is unchanged.
const preparedMasks = new WeakMap<VoxelMask, PreparedMask>();
const preparedLesions = new WeakMap<VoxelMask, PreparedLesion>();
const centroids = new WeakMap<VoxelMask, LpsPoint | null>();
const finders = new WeakMap<readonly StructureDraft[], { geometry: VolumeGeometry; find: (target: LpsPoint) => LpsPoint | null }>();

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

const emptiness = new WeakMap<VoxelMask, boolean>();

/** True when a mask has no voxel set (cached per mask: masks are immutable). */
export function maskIsEmpty(mask: VoxelMask): boolean {
  let e = emptiness.get(mask);
  if (e === undefined) {
    e = !mask.data.some((v) => v !== 0);
    emptiness.set(mask, e);
  }
  return e;
}

/** What {@link metricsInputs} gives: the recomputation's inputs, and notes on what was left out and why. */
export type MetricsInputs = Pick<RecomputeContext, 'structures' | 'lesions' | 'canalPoint'> & {
  /** One sentence per lesion or structure left out of the metrics (an empty mask). */
  readonly notes: readonly string[];
};

/**
 * What the trajectory and zone metrics need from a plan's lesions and structures, on the
 * grid they were drawn on: prepared masks (cached per mask), each structure's safety
 * distance, and a canal point for the transpedicular check ({@link canalPointFinder}). The one
 * place these rules are decided, for the viewer (live metrics) and the server (recomputation on
 * save, through `planMetrics`), so both give the same numbers:
 *
 * - Only masks on `geometry` count (the draft holds them so: a mask that does not fit the loaded
 *   series is kept unshown with a null `mask`). A lesion or structure without a mask is left out.
 * - A lesion or structure whose mask is EMPTY (created, not yet painted) is left out of every
 *   metric, with a note: an empty lesion has no coverage to speak of (0 of 0 mL), and an empty
 *   structure reading "0 mL in the zone" or "no distance" would look safe when it is unmeasured.
 *   An empty canal is no canal: the cord is then used for the transpedicular check.
 * - Canal: structures of kind 'spinal-canal', else (when the plan has none) 'spinal-cord'; see
 *   {@link canalPointFinder}.
 * - Lesions are only needed for the zone metrics: `options.lesions` false skips preparing them (a
 *   distance map each) when no device ablates.
 */
export function metricsInputs(
  draft: PlanDraft,
  geometry: VolumeGeometry,
  options: { lesions: boolean } = { lesions: true },
): MetricsInputs {
  const notes: string[] = [];
  const usable = <T extends { mask: VoxelMask | null }>(items: readonly T[], name: (item: T) => string): (T & { mask: VoxelMask })[] =>
    items.flatMap((item) => {
      if (!item.mask) return [];
      if (maskIsEmpty(item.mask)) {
        notes.push(`${name(item)} has no voxels: left out of the metrics`);
        return [];
      }
      return [item as T & { mask: VoxelMask }];
    });
  const structureDrafts = usable(draft.structures, (s) => `structure ${s.record.name || s.record.id}`);
  const structures: RecomputeStructure[] = structureDrafts.map((s) => ({
    id: s.record.id,
    label: s.record.name,
    mask: preparedMask(s.mask, geometry),
    safetyDistanceMm: s.record.safetyDistanceMm,
  }));
  const lesions = options.lesions ? usable(draft.lesions, (l) => `lesion ${l.record.label || l.record.id}`).map((l) => ({ id: l.record.id, lesion: preparedLesion(l.mask, geometry) })) : [];
  // While a needle is dragged the structures are unchanged (the same array): keep the finder and its slice centroids.
  let memo = finders.get(draft.structures);
  if (!memo || memo.geometry !== geometry) {
    memo = { geometry, find: canalPointFinder(structureDrafts.map((s) => ({ kind: s.record.kind, mask: s.mask, geometry }))) };
    finders.set(draft.structures, memo);
  }
  const find = memo.find;
  return { structures, lesions, canalPoint: (t: Trajectory) => find(lps(...t.target)), notes };
}

import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { lps, voxel, type LpsPoint } from '../../shared/vec3';
import { encodeMask, type MaskSource } from '../../planning/encoding/encodeMask';
import { cropMask } from '../../planning/mask/tightBox';
import { boxFromCorners, expandBox, fullBox, intersectBoxes, isEmptyBox } from '../../planning/mask/voxelBox';
import { countMask, createMask, reboxMask, type VoxelMask } from '../../planning/mask/voxelMask';
import type { structureAtRiskSchema, StructureKind } from '../../planning/records/structureAtRisk';
import { STRUCTURE_DEFAULTS } from '../../planning/records/structureDefaults';
import { closeBinary } from '../../planning/segmentation/closeBinary';
import { floodFill6 } from '../../planning/segmentation/floodFill6';
import { indexToWorld, nearestVoxel, worldToIndex } from '../../planning/volume/indexWorld';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';

/** A structure at risk as written into plan content (before the schema's defaults). */
export type StructureInput = z.input<typeof structureAtRiskSchema>;

type Triple = readonly [number, number, number];

/** What every demo structure names. */
export interface DemoStructureSpec {
  readonly id: string;
  readonly kind: StructureKind;
  readonly name: string;
  /** The kind's default (structureDefaults.ts) unless given. */
  readonly safetyDistanceMm?: number;
}

const common = (s: DemoStructureSpec) => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  colour: STRUCTURE_DEFAULTS[s.kind].colour,
  safetyDistanceMm: s.safetyDistanceMm ?? STRUCTURE_DEFAULTS[s.kind].safetyDistanceMm,
});

/** A structure drawn as a tube along points (a vessel, a nerve): what `rasterizeTube` draws. */
export function tubeStructure(frameOfReferenceUID: string, spec: DemoStructureSpec & { readonly pointsLps: readonly Triple[]; readonly radiusMm: number }): StructureInput {
  return {
    ...common(spec),
    shape: { kind: 'tube', frameOfReferenceUID, pointsLps: spec.pointsLps.map((p) => [p[0], p[1], p[2]] as [number, number, number]), radiusMm: spec.radiusMm },
  };
}

/** A structure stored as a mask; fails when the mask is empty (the structure was not found). */
export function maskStructure(geometry: VolumeGeometry, source: MaskSource, mask: VoxelMask, spec: DemoStructureSpec): Result<StructureInput> {
  if (countMask(mask) === 0) return err(`structure ${spec.id} (${spec.name}): its mask is empty`);
  return ok({ ...common(spec), shape: { kind: 'mask', mask: encodeMask(mask, geometry, source) } });
}

/**
 * The 6-connected part of a mask that holds the voxel nearest to `seed` (the seed must be in
 * the mask): what a user keeps after a threshold picked up stray voxels elsewhere in the box.
 */
export function connectedPart(geometry: VolumeGeometry, mask: VoxelMask, seed: LpsPoint): Result<VoxelMask> {
  const v = nearestVoxel(geometry, seed);
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  if (!v) return err(`seed [${seed.join(', ')}] is outside the volume`);
  const x = v[0] - ox, y = v[1] - oy, z = v[2] - oz;
  if (x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz || mask.data[(z * sy + y) * sx + x] !== 1) {
    return err(`seed [${seed.join(', ')}] is not in the thresholded region`);
  }
  const allowed = Uint8Array.from(mask.data);
  floodFill6(allowed, mask.box.size, [(z * sy + y) * sx + x]);
  const out = createMask(mask.dimensions, mask.box);
  for (let p = 0; p < allowed.length; p++) out.data[p] = allowed[p] === 2 ? 1 : 0;
  return ok(cropMask(out));
}

/**
 * Morphological closing of a mask by a ball of `radiusMm` (closeBinary), in a box grown so
 * that the closing is not cut off at the mask's own box: it fills the lumen between the gas
 * bubbles a threshold finds in bowel content.
 */
export function closeMask(geometry: VolumeGeometry, mask: VoxelMask, radiusMm: number): VoxelMask {
  const margin = geometry.spacing.map((s) => Math.ceil(radiusMm / s) + 1) as [number, number, number];
  const grown = reboxMask(mask, expandBox(mask.box, margin, geometry.dimensions));
  closeBinary(grown.data, grown.box.size, geometry.spacing, radiusMm);
  return cropMask(grown);
}

/**
 * The voxels whose centres lie between `innerMm` and `outerMm` from `centre`: a spherical shell
 * such as the joint space round a femoral head.
 */
export function shellMask(geometry: VolumeGeometry, centre: LpsPoint, innerMm: number, outerMm: number): VoxelMask {
  const lo = worldToIndex(geometry, lps(centre[0] - outerMm, centre[1] - outerMm, centre[2] - outerMm));
  const hi = worldToIndex(geometry, lps(centre[0] + outerMm, centre[1] + outerMm, centre[2] + outerMm));
  const box = intersectBoxes(
    boxFromCorners([0, 1, 2].map((a) => Math.floor(Math.min(lo[a]!, hi[a]!))), [0, 1, 2].map((a) => Math.ceil(Math.max(lo[a]!, hi[a]!)))),
    fullBox(geometry.dimensions),
  );
  const mask = createMask(geometry.dimensions, box);
  if (isEmptyBox(box)) return mask;
  const [ox, oy, oz] = box.offset;
  const [sx, sy, sz] = box.size;
  for (let z = 0, p = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) {
        const w = indexToWorld(geometry, voxel(ox + x, oy + y, oz + z));
        const d = Math.hypot(w[0] - centre[0], w[1] - centre[1], w[2] - centre[2]);
        if (d >= innerMm && d <= outerMm) mask.data[p] = 1;
      }
    }
  }
  return cropMask(mask);
}

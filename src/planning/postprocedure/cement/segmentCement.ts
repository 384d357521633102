import type { Vec3 } from '../../../shared/vec3';
import { lps } from '../../../shared/vec3';
import type { VoxelBox } from '../../mask/voxelBox';
import type { VoxelMask } from '../../mask/voxelMask';
import { cropMask } from '../../mask/tightBox';
import { worldToIndex } from '../../volume/indexWorld';
import type { PlanningVolume } from '../../volume/planningVolume';
import { voxelVolumeMm3 } from '../../volume/volumeGeometry';
import { floodFill26 } from '../components26';

/** What goes into the cement segmentation (all CBCT). */
export interface CementInput {
  readonly cbct: PlanningVolume;
  /** The block analysed (the region mapped into the CBCT). */
  readonly box: VoxelBox;
  readonly thresholdHu: number;
  /** Metal voxels (CBCT linear indices) of the needles found. */
  readonly metal: ArrayLike<number>;
  /** Voxels at or above this are metal too (a needle not matched to a trajectory); Infinity for none. */
  readonly metalHu: number;
  /** Where the cement was injected (needle tips, planned targets), CBCT LPS. */
  readonly seedsLps: readonly Vec3[];
}

/** Metal grown by this much is left out of the cement (its partial-volume rim reads like cement). */
export const METAL_MARGIN_MM = 1.1;
/** Cement within this distance of an injection point seeds the connected cement. */
const SEED_RADIUS_MM = 4;

/**
 * Cement in the CBCT block: voxels at or above the threshold, the needles' metal and a
 * {@link METAL_MARGIN_MM} rim round it left out — except rim voxels that read as cement and
 * whose neighbours beyond the rim are mostly cement (the cement the needle sits in, not the
 * metal's blur into soft tissue) — and of those only what is 26-connected to cement within
 * 4 mm of an injection point. Answers the mask (CBCT grid, in its tight box) and its volume.
 */
export function segmentCement(input: CementInput): { mask: VoxelMask; volumeMl: number; voxels: number } {
  const { cbct, box, thresholdHu } = input;
  const [nx, ny] = cbct.dimensions;
  const [sx, sy, sz] = box.size;
  const [ox, oy, oz] = box.offset;
  const n = sx * sy * sz;
  const s = cbct.scalars;
  const metal = new Uint8Array(n);
  const bits = new Uint8Array(n);
  const toBlock = (p: number): number => {
    const i = p % nx, j = Math.floor(p / nx) % ny, k = Math.floor(p / (nx * ny));
    const x = i - ox, y = j - oy, z = k - oz;
    return x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz ? -1 : (z * sy + y) * sx + x;
  };
  const metalList: number[] = [];
  for (let m = 0; m < input.metal.length; m++) {
    const q = toBlock(input.metal[m]!);
    if (q < 0 || metal[q] === 1) continue;
    metal[q] = 1;
    metalList.push(q);
  }
  for (let z = 0, q = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      const row = nx * (oy + y + ny * (oz + z)) + ox;
      for (let x = 0; x < sx; x++, q++) {
        const v = s[row + x]!;
        if (v >= input.metalHu) {
          if (metal[q] === 0) metalList.push(q);
          metal[q] = 1;
        } else if (v >= thresholdHu && metal[q] === 0) bits[q] = 1;
      }
    }
  }
  // The rim: every voxel whose centre lies within METAL_MARGIN_MM of a metal voxel's centre.
  const rim = new Uint8Array(n);
  const rimList: number[] = [];
  const offsets: [number, number, number][] = [];
  const reachV = cbct.spacing.map((sp) => Math.floor(METAL_MARGIN_MM / sp));
  for (let dz = -reachV[2]!; dz <= reachV[2]!; dz++) for (let dy = -reachV[1]!; dy <= reachV[1]!; dy++) for (let dx = -reachV[0]!; dx <= reachV[0]!; dx++) {
    if ((dx * cbct.spacing[0]) ** 2 + (dy * cbct.spacing[1]) ** 2 + (dz * cbct.spacing[2]) ** 2 <= METAL_MARGIN_MM ** 2) offsets.push([dx, dy, dz]);
  }
  for (const q of metalList) {
    const x = q % sx, y = Math.floor(q / sx) % sy, z = Math.floor(q / (sx * sy));
    for (const [dx, dy, dz] of offsets) {
      const xx = x + dx, yy = y + dy, zz = z + dz;
      if (xx < 0 || yy < 0 || zz < 0 || xx >= sx || yy >= sy || zz >= sz) continue;
      const r = (zz * sy + yy) * sx + xx;
      if (rim[r] === 0) rimList.push(r);
      rim[r] = 1;
    }
  }
  // Vote for the rim voxels that read as cement: cement when most neighbours outside the rim are.
  const keep: number[] = [];
  for (const q of rimList) {
    if (metal[q] === 1 || bits[q] !== 1) continue;
    const x = q % sx, y = Math.floor(q / sx) % sy, z = Math.floor(q / (sx * sy));
    let yes = 0, no = 0;
    for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx, yy = y + dy, zz = z + dz;
      if (xx < 0 || yy < 0 || zz < 0 || xx >= sx || yy >= sy || zz >= sz) continue;
      const r = (zz * sy + yy) * sx + xx;
      if (rim[r] === 1) continue;
      if (bits[r] === 1) yes++;
      else no++;
    }
    if (yes > no) keep.push(q);
  }
  for (const q of rimList) bits[q] = 0;
  for (const q of keep) bits[q] = 1;
  // Seeds: cement voxels within SEED_RADIUS_MM of each injection point.
  const seeds: number[] = [];
  const reach = cbct.spacing.map((sp) => Math.ceil(SEED_RADIUS_MM / sp));
  for (const p of input.seedsLps) {
    const f = worldToIndex(cbct, lps(p[0], p[1], p[2]));
    const ci = Math.round(f[0]) - ox, cj = Math.round(f[1]) - oy, ck = Math.round(f[2]) - oz;
    for (let z = ck - reach[2]!; z <= ck + reach[2]!; z++) for (let y = cj - reach[1]!; y <= cj + reach[1]!; y++) for (let x = ci - reach[0]!; x <= ci + reach[0]!; x++) {
      if (x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz) continue;
      const dx = (x - (f[0] - ox)) * cbct.spacing[0], dy = (y - (f[1] - oy)) * cbct.spacing[1], dz = (z - (f[2] - oz)) * cbct.spacing[2];
      if (dx * dx + dy * dy + dz * dz <= SEED_RADIUS_MM * SEED_RADIUS_MM) seeds.push((z * sy + y) * sx + x);
    }
  }
  const voxels = floodFill26(bits, [sx, sy, sz], seeds);
  for (let q = 0; q < n; q++) bits[q] = bits[q] === 2 ? 1 : 0;
  // Stored in its tight box: what follows visits the cement, not the whole region.
  return { mask: cropMask({ dimensions: cbct.dimensions, box, data: bits }), volumeMl: (voxels * voxelVolumeMm3(cbct)) / 1000, voxels };
}

import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { maskValue, type VoxelMask } from '../mask/voxelMask';
import { blurAndNoise } from '../testSupport/phantomVolume';
import { boneCubePhantom, CUBE_HU, type BoneCube } from '../testSupport/boneCubePhantom';
import { indexToWorld, nearestVoxel } from '../volume/indexWorld';
import { voxel } from '../../shared/vec3';
import { voxelVolumeMm3 } from '../volume/volumeGeometry';
import { floodRange } from './floodRange';
import { growLesion } from './growLesion';

const sphereMm3 = (r: number) => (4 / 3) * Math.PI * r ** 3;

/** Voxels of a mask whose centres satisfy a test on their LPS position. */
function countWhere(cube: BoneCube, mask: VoxelMask, test: (x: number, y: number, z: number) => boolean): number {
  let n = 0;
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  for (let k = oz; k < oz + sz; k++) {
    for (let j = oy; j < oy + sy; j++) {
      for (let i = ox; i < ox + sx; i++) {
        if (maskValue(mask, i, j, k) === 0) continue;
        const p = indexToWorld(cube.volume, voxel(i, j, k));
        if (test(p[0], p[1], p[2])) n++;
      }
    }
  }
  return n;
}

/** Voxel centres of the volume inside the lesion sphere: what a perfect grow returns. */
function sphereVoxels(cube: BoneCube): number {
  const [nx, ny, nz] = cube.volume.dimensions;
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const p = indexToWorld(cube.volume, voxel(i, j, k));
        const d = Math.hypot(p[0] - cube.lesionCentre[0], p[1] - cube.lesionCentre[1], p[2] - cube.lesionCentre[2]);
        if (d <= cube.lesionRadiusMm) n++;
      }
    }
  }
  return n;
}

/** Mask voxels farther than `marginMm` outside the cube's outer surface: muscle the grow leaked into. */
const leakedVoxels = (cube: BoneCube, mask: VoxelMask, marginMm: number) =>
  countWhere(cube, mask, (x, y, z) => {
    const c = cube.cubeCentre;
    return Math.max(Math.abs(x - c[0]), Math.abs(y - c[1]), Math.abs(z - c[2])) > cube.halfEdgeMm + marginMm;
  });

describe('growLesion in a cube of bone with a lytic sphere and one cortical break', () => {
  // r = 10 mm: V = 4/3·π·10³ = 4188.8 mm³ = 4.19 mL. Counting voxel centres inside the
  // sphere on a 0.8 × 0.8 × 1.5 mm grid (0.96 mm³ each) deviates from V by the lattice
  // discrepancy of the ≈ 1,300 voxels the surface cuts, whose ± half-voxel errors mostly
  // cancel: about √1300 ≈ 36 voxels (0.8 %). 2 % is a 2.5σ bound.
  const cube = boneCubePhantom();
  const voxelMm3 = voxelVolumeMm3(cube.volume);
  const inSphere = sphereVoxels(cube);

  it('the phantom: its sphere voxels make 4/3·π·r³ within the 2 % discretisation tolerance', () => {
    expect(Math.abs((inSphere * voxelMm3) / sphereMm3(10) - 1)).toBeLessThan(0.02);
  });

  it('fills the sphere and does not leak into the muscle through the break', () => {
    const r = growLesion(cube.volume, cube.lesionCentre);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { mask, stats } = r.value;
    expect(stats.leaked).toBe(false);
    // Every voxel of the sphere is taken…
    const sphereTaken = countWhere(cube, mask, (x, y, z) => Math.hypot(x - cube.lesionCentre[0], y - cube.lesionCentre[1], z - cube.lesionCentre[2]) <= 10);
    expect(sphereTaken).toBe(inSphere);
    // …and besides it at most the plug of the break: π·4²·1 mm of soft tissue left in the
    // cortex (50 mm³) and up to one plug cell (2 mm) beyond its mouth (π·6²·2 ≈ 226 mm³).
    const extraMm3 = (stats.voxelCount - inSphere) * voxelMm3;
    expect(extraMm3).toBeLessThan(280);
    expect(Math.abs(stats.volumeMl * 1000 / sphereMm3(10) - 1)).toBeLessThan(0.08);
    expect(leakedVoxels(cube, mask, 2.5)).toBe(0);
  });

  it('has a real leak path: a plain flood in the same HU range runs out into the muscle', () => {
    const v = cube.volume;
    const all = new Uint8Array(v.scalars.length).fill(1);
    const taken = new Uint8Array(v.scalars.length);
    const seed = nearestVoxel(v, cube.lesionCentre)!;
    const seedIndex = seed[0] + v.dimensions[0] * (seed[1] + v.dimensions[1] * seed[2]);
    const n = floodRange(v.scalars, all, v.dimensions, seedIndex, 16, 64, Infinity, new Int32Array(all.length), taken);
    expect(n).toBeGreaterThan(10 * inSphere);
  });

  it('fills the sphere within 5 % on a blurred and noisy version (partial volume, σ = 12 HU)', () => {
    // Partial volume and noise blur what "in the sphere" means at its surface; the rim rule
    // counts a boundary voxel when it is more than half lesion, which keeps the count close
    // to the sharp sphere's. 5 % leaves room for the noise's effect on ~1,300 surface voxels.
    const noisy = boneCubePhantom();
    blurAndNoise(noisy.volume, [0.22, 0.22, 0.15], 12, 7);
    const r = growLesion(noisy.volume, noisy.lesionCentre);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Math.abs((r.value.stats.volumeMl * 1000) / sphereMm3(10) - 1)).toBeLessThan(0.05);
    // Blurred cortex makes the cells that plug the break reach a cell further out: the grow
    // may bulge up to two plug cells (2 × 2.4 mm) from the mouth, never into the muscle beyond.
    expect(leakedVoxels(noisy, r.value.mask, 5)).toBe(0);
    expect(leakedVoxels(noisy, r.value.mask, 0) * voxelVolumeMm3(noisy.volume)).toBeLessThan(200);
    expect(r.value.stats.rimVoxels).toBeGreaterThan(0);
  });

  it('gives the same mask on a grid stored head to foot (k towards −z)', () => {
    const flipped = boneCubePhantom([0.8, 0.8, 1.5], { direction: [[1, 0, 0], [0, 1, 0], [0, 0, -1]] });
    const a = growLesion(cube.volume, cube.lesionCentre);
    const b = growLesion(flipped.volume, flipped.lesionCentre);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.value.stats.voxelCount).toBe(a.value.stats.voxelCount);
  });
});

describe('growLesion limits and refusals', () => {
  const cube = boneCubePhantom([1, 1, 1], { breakRadiusMm: 0 });

  it('stops at the volume limit and says it leaked', () => {
    const r = growLesion(cube.volume, cube.lesionCentre, { maxVolumeMl: 1 });
    expect(r.ok && r.value.stats.leakReason).toBe('volume');
    if (r.ok) expect(r.value.stats.voxelCount).toBeLessThanOrEqual(1000);
  });

  it('stops at the distance limit and says it leaked', () => {
    const r = growLesion(cube.volume, cube.lesionCentre, { maxDistanceMm: 6 });
    expect(r.ok && r.value.stats.leakReason).toBe('distance');
  });

  it('uses a given HU range and refuses a seed outside it', () => {
    const r = growLesion(cube.volume, cube.lesionCentre, { huRange: [0, 100] });
    expect(r.ok && r.value.stats.huRange).toEqual([0, 100]);
    const refused = growLesion(cube.volume, cube.lesionCentre, { huRange: [100, 150] });
    expect(refused.ok ? '' : refused.error).toMatch(/outside the range 100 to 150 HU/);
  });

  it('refuses a seed outside the volume, on bone, or in muscle outside any bone', () => {
    const outside = growLesion(cube.volume, lps(-50, 0, 0));
    expect(outside.ok ? '' : outside.error).toMatch(/outside the volume/);
    const onCortex = growLesion(cube.volume, lps(32, 32, 32 + 19));
    expect(onCortex.ok ? '' : onCortex.error).toMatch(/not soft-tissue density/);
    const inMuscle = growLesion(cube.volume, lps(5, 5, 5));
    expect(inMuscle.ok ? '' : inMuscle.error).toMatch(/not inside bone/);
  });

  it('takes the whole sphere and no muscle when the cortex is intact', () => {
    const r = growLesion(cube.volume, cube.lesionCentre);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The core is the sphere exactly: on a 1 mm grid with the centre on a voxel, the lattice
    // points within 10 mm number 4,169 (by counting shells: Σ over |k| ≤ 10 of the points
    // in discs of radius √(100 − k²)).
    expect(r.value.stats.coreVoxels).toBe(4169);
    expect(r.value.stats.coreMeanHu).toBe(CUBE_HU.lesion);
    expect(leakedVoxels(cube, r.value.mask, 0)).toBe(0);
  });
});

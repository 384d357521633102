import { describe, expect, it } from 'vitest';
import { lps, type LpsPoint } from '../../shared/vec3';
import type { ScalarVolume } from './gridGeometry';
import { AIR_HU, snapEntryToSkin } from './snapEntryToSkin';

/**
 * A 50 × 50 × 5 CT on a 1 mm grid, voxel (i, j, k) centred at (i, j, k) mm. The body is the box
 * i ∈ [5, 30], j ∈ [5, 40] (all slices) at 40 HU, in air at −1000 HU. Optionally a gas pocket
 * (−1000 HU) inside it at i ∈ [20, 22], j ∈ [18, 22].
 *
 * On a line of constant integer j and k (or any line in a region where HU depends on i alone)
 * the trilinear sample between the last tissue voxel i = 30 and the first air voxel i = 31 is
 * 40 − 1040·t, which crosses −400 HU at t = 440/1040: the skin is at x = 30 + 440/1040. On the
 * other side it is at x = 5 − 440/1040. Leaving the gas pocket (air at 22, tissue at 23):
 * −1000 + 1040·t = −400 at t = 600/1040.
 */
function ct(gasPocket = false): ScalarVolume {
  const [nx, ny, nz] = [50, 50, 5];
  const scalars = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const body = i >= 5 && i <= 30 && j >= 5 && j <= 40;
        const gas = gasPocket && i >= 20 && i <= 22 && j >= 18 && j <= 22;
        scalars[i + nx * (j + ny * k)] = body && !gas ? 40 : -1000;
      }
    }
  }
  return { dimensions: [nx, ny, nz], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], scalars };
}

const SKIN_PLUS_X = 30 + 440 / 1040; // 30.4231
const SKIN_MINUS_X = 5 - 440 / 1040; // 4.5769
const GAS_ENTRY_X = 20 - 1 + 440 / 1040; // 19.4231, where the line first meets the gas

const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

/** Asserts that `p` lies on the ray from `target` through `entry` (not behind the target). */
function expectOnRay(p: LpsPoint, target: LpsPoint, entry: LpsPoint): void {
  const u = [entry[0] - target[0], entry[1] - target[1], entry[2] - target[2]];
  const v = [p[0] - target[0], p[1] - target[1], p[2] - target[2]];
  const cross = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
  expect(Math.hypot(cross[0]!, cross[1]!, cross[2]!) / Math.hypot(u[0]!, u[1]!, u[2]!)).toBeLessThan(1e-9);
  expect(u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!).toBeGreaterThan(0);
}

describe('snapEntryToSkin', () => {
  const body = ct();

  it('treats −400 HU as the air threshold', () => {
    expect(AIR_HU).toBe(-400);
  });

  it('moves an entry inside the body out to the skin along the line', () => {
    const target = lps(15, 20, 2), entry = lps(25, 20, 2);
    const p = snapEntryToSkin(body, entry, target);
    expect(p).not.toBeNull();
    expect(dist(p!, [SKIN_PLUS_X, 20, 2])).toBeLessThan(0.25);
    // The boundary is refined to 0.1 mm.
    expect(dist(p!, [SKIN_PLUS_X, 20, 2])).toBeLessThan(0.1);
    expectOnRay(p!, target, entry);
  });

  it('works in the −x direction too', () => {
    const target = lps(15, 20, 2), entry = lps(8, 20, 2);
    const p = snapEntryToSkin(body, entry, target);
    expect(dist(p!, [SKIN_MINUS_X, 20, 2])).toBeLessThan(0.1);
  });

  it('moves an entry in the air outside the body in to the skin', () => {
    const target = lps(15, 20, 2), entry = lps(45, 20, 2);
    const p = snapEntryToSkin(body, entry, target);
    expect(p).not.toBeNull();
    expect(dist(p!, [SKIN_PLUS_X, 20, 2])).toBeLessThan(0.25);
    expectOnRay(p!, target, entry);
  });

  it('keeps the direction of an oblique trajectory: the new entry is on the original line', () => {
    // Direction (4, 3, 0)/5 from (15, 20, 2) meets x = 30.4231 at s = 15.4231/0.8 = 19.2788 mm,
    // where y = 20 + 0.6 s = 31.5673 (well inside j ∈ [5, 40], so HU depends on x alone there).
    const target = lps(15, 20, 2);
    const s = (SKIN_PLUS_X - 15) / 0.8;
    const skin = [SKIN_PLUS_X, 20 + 0.6 * s, 2];
    for (const entry of [lps(19, 23, 2), lps(39, 38, 2)]) {
      const p = snapEntryToSkin(body, entry, target);
      expect(p).not.toBeNull();
      expect(dist(p!, skin)).toBeLessThan(0.25);
      expectOnRay(p!, target, entry);
    }
  });

  it('returns null for a target in air', () => {
    expect(snapEntryToSkin(body, lps(10, 20, 2), lps(2, 20, 2))).toBeNull();
    expect(snapEntryToSkin(body, lps(20, 20, 2), lps(45, 20, 2))).toBeNull();
  });

  it('returns null when the line does not leave the body within reach', () => {
    // Walking to at most 2 + 5 mm from x = 10 reaches x = 17, still inside the body.
    expect(snapEntryToSkin(body, lps(12, 20, 2), lps(10, 20, 2), 5)).toBeNull();
  });

  it('returns null when entry and target coincide', () => {
    expect(snapEntryToSkin(body, lps(15, 20, 2), lps(15, 20, 2))).toBeNull();
  });

  describe('with a gas pocket on the line', () => {
    const gassy = ct(true);

    it('uses the last tissue→air transition (the skin), not the gas', () => {
      const target = lps(15, 20, 2);
      for (const entry of [lps(25, 20, 2), lps(21, 20, 2), lps(18, 20, 2), lps(45, 20, 2)]) {
        const p = snapEntryToSkin(gassy, entry, target);
        expect(p).not.toBeNull();
        expect(dist(p!, [SKIN_PLUS_X, 20, 2])).toBeLessThan(0.25);
        expect(dist(p!, [GAS_ENTRY_X, 20, 2])).toBeGreaterThan(10);
        expectOnRay(p!, target, entry);
      }
    });

    it('returns null for a target in the gas', () => {
      expect(snapEntryToSkin(gassy, lps(25, 20, 2), lps(21, 20, 2))).toBeNull();
    });
  });

  describe('with the CT table behind the body (regression: it snapped to the underside of the table)', () => {
    /**
     * 60 × 80 × 5 on a 1 mm grid. The body is a cylinder along k: voxels within 20 mm of
     * (i, j) = (30, 30), at 40 HU. The table is a slab j ∈ [54, 60] across the whole width at
     * 200 HU, parted from the body by air at j = 51, 52, 53 (−1000 HU).
     *
     * Along the column i = 30, k = 2 the body spans j ∈ [10, 50]. Its back surface: 40 HU at
     * j = 50, air at 51, so 40 − 1040·t = −400 at t = 440/1040, y = 50.4231. The table's far
     * side: 200 HU at j = 60, air at 61, 200 − 1200·t = −400 at t = 0.5, y = 60.5, where the
     * last tissue→air transition on the line lies. From the target at y = 30 the skin is
     * 20.4231 mm deep.
     */
    function bodyAndTable(): ScalarVolume {
      const [nx, ny, nz] = [60, 80, 5];
      const scalars = new Float32Array(nx * ny * nz);
      for (let k = 0; k < nz; k++) {
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            const body = (i - 30) ** 2 + (j - 30) ** 2 <= 400;
            const table = j >= 54 && j <= 60;
            scalars[i + nx * (j + ny * k)] = body ? 40 : table ? 200 : -1000;
          }
        }
      }
      return { dimensions: [nx, ny, nz], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], scalars };
    }
    const SKIN_BACK_Y = 50 + 440 / 1040;
    const ct3 = bodyAndTable();
    const target = lps(30, 30, 2);

    it('snaps a posterior entry to the back of the body, never through the table, from inside, the gap, the table or below it', () => {
      for (const y of [45, 52, 57, 70]) {
        const entry = lps(30, y, 2);
        const p = snapEntryToSkin(ct3, entry, target);
        expect(p, `entry at y = ${y}`).not.toBeNull();
        expect(dist(p!, [30, SKIN_BACK_Y, 2]), `entry at y = ${y}`).toBeLessThan(0.05);
        expect(dist(p!, target)).toBeCloseTo(20.4231, 1);
        expect(dist(p!, [30, 60.5, 2])).toBeGreaterThan(10);
        expectOnRay(p!, target, entry);
      }
    });

    it('still snaps an anterior entry to the front of the body (air all the way out)', () => {
      // Front surface: 40 HU at j = 10, air at j = 9: y = 10 − 440/1040 = 9.5769.
      const p = snapEntryToSkin(ct3, lps(30, 5, 2), target);
      expect(dist(p!, [30, 10 - 440 / 1040, 2])).toBeLessThan(0.05);
    });
  });
});

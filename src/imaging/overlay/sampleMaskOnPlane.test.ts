import { describe, expect, it } from 'vitest';
import { createMask, maskValue, type VoxelMask } from '../../planning/mask/voxelMask';
import type { VoxelBox } from '../../planning/mask/voxelBox';
import { indexToWorld, nearestVoxel } from '../../planning/volume/indexWorld';
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../planning/volume/volumeGeometry';
import { cross, lps, normalize, scale, sub, voxel, type Vec3 } from '../../shared/vec3';
import { maskOutline } from './maskOutline';
import { sampleMaskOnPlane } from './sampleMaskOnPlane';
import { canvasToWorld, type ViewPlane } from './viewPlane';

/** A mask over `box` holding the voxels whose centre satisfies `inside`. */
function maskWhere(g: VolumeGeometry, box: VoxelBox, inside: (p: Vec3) => boolean): VoxelMask {
  const m = createMask(g.dimensions, box);
  const [ox, oy, oz] = box.offset, [sx, sy, sz] = box.size;
  for (let k = 0, q = 0; k < sz; k++) for (let j = 0; j < sy; j++) for (let i = 0; i < sx; i++, q++) {
    if (inside(indexToWorld(g, voxel(ox + i, oy + j, oz + k)))) m.data[q] = 1;
  }
  return m;
}

/** A plane whose canvas centre is `centre`, with unit in-plane axes `u` (right), `v` (down). */
function planeAt(centre: Vec3, u: Vec3, v: Vec3, pixelMm: number, width: number, height: number): ViewPlane {
  const right = scale(normalize(u), pixelMm), down = scale(normalize(v), pixelMm);
  const origin = sub(sub(centre, scale(right, width / 2)), scale(down, height / 2));
  return { origin, right, down, normal: scale(normalize(cross(right, down)), -1), width, height };
}

const count = (d: Uint8Array): number => d.reduce((s, x) => s + x, 0);

describe('sampleMaskOnPlane', () => {
  const geometry: VolumeGeometry = {
    dimensions: [128, 128, 64], spacing: [0.7, 0.7, 1.25], origin: lps(-40, -30, 100), direction: IDENTITY_DIRECTION,
  };
  const centre = indexToWorld(geometry, voxel(60, 55, 30));
  const r = 15;
  const sphere = maskWhere(geometry, { offset: [35, 30, 16], size: [50, 50, 29] }, (p) =>
    Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) <= r);

  it('an axial plane through a sphere gives a disc of area πr²', () => {
    // Axial, radiological: right = patient left, down = posterior, viewer at the feet.
    const pixelMm = 0.5, step = 2;
    const plane = planeAt(centre, [1, 0, 0], [0, 1, 0], pixelMm, 512, 512);
    expect(plane.normal).toEqual([-0, -0, -1]);
    const s = sampleMaskOnPlane(sphere, geometry, plane, step);
    expect([s.cols, s.rows, s.any]).toEqual([256, 256, true]);
    const area = count(s.data) * (step * pixelMm) ** 2;
    expect(Math.abs(area / (Math.PI * r * r) - 1)).toBeLessThan(0.03);
    // The disc is centred on the canvas centre: cells (127, 127) and (128, 128) straddle it.
    expect(s.data[127 * 256 + 127]).toBe(1);
    expect(s.data[128 * 256 + 128]).toBe(1);
    expect(s.data[0]).toBe(0);
  });

  it('reuses and clears the output array', () => {
    const plane = planeAt(centre, [1, 0, 0], [0, 1, 0], 0.5, 512, 512);
    const out = new Uint8Array(256 * 256).fill(1);
    const s = sampleMaskOnPlane(sphere, geometry, plane, 2, out);
    expect(s.data).toBe(out);
    expect(out[0]).toBe(0);
  });

  it('skips a plane beyond the box, and finds it half a voxel in', () => {
    const box: VoxelBox = { offset: [10, 12, 20], size: [6, 5, 4] };
    const full = maskWhere(geometry, box, () => true);
    const sliceZ = (k: number) => indexToWorld(geometry, voxel(13, 14, k))[2];
    const at = (k: number) => sampleMaskOnPlane(full, geometry, planeAt([-30, -20, sliceZ(k)], [1, 0, 0], [0, 1, 0], 0.25, 128, 128), 1);
    expect(at(23).any).toBe(true); // last slice of the box
    expect(at(23.49).any).toBe(true); // still nearest to slice 23
    expect(at(23.51).any).toBe(false);
    expect(at(24).any).toBe(false); // one voxel beyond
    expect(at(19).any).toBe(false); // one voxel before
    // Faces x ∈ [−33.35, −29.15), y ∈ [−21.95, −18.45); cell centres at −46 + (c + ½)/4 and
    // −36 + (r + ½)/4, so columns 51..66 and rows 56..69 are inside: 16 × 14 cells.
    const inside = at(21);
    expect(count(inside.data)).toBe(16 * 14);
    expect(inside.data[56 * 128 + 51]).toBe(1);
    expect(inside.data[69 * 128 + 66]).toBe(1);
    expect(inside.data[55 * 128 + 51]).toBe(0);
    expect(inside.data[69 * 128 + 67]).toBe(0);
  });

  it('an oblique plane through a cube gives the regular hexagon, cell for cell', () => {
    // Identity 1 mm grid, cube of voxels 40..60: faces at 39.5 and 60.5, h = 10.5 about (50, 50, 50).
    const g: VolumeGeometry = { dimensions: [100, 100, 100], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: IDENTITY_DIRECTION };
    const cube = maskWhere(g, { offset: [40, 40, 40], size: [21, 21, 21] }, () => true);
    // Perpendicular to the body diagonal through the centre: right (1, −1, 0)/√2, down (1, 1, −2)/√6.
    const plane = planeAt([50, 50, 50], [1, -1, 0], [1, 1, -2], 0.25, 160, 160);
    const s = sampleMaskOnPlane(cube, g, plane, 1);
    // Regular hexagon of side h√2: area (3√3/2)·2h² = 3√3·h².
    const area = count(s.data) * 0.0625;
    expect(Math.abs(area / (3 * Math.sqrt(3) * 10.5 ** 2) - 1)).toBeLessThan(0.01);
    let wrong = 0;
    for (let rr = 0; rr < s.rows; rr++) for (let c = 0; c < s.cols; c++) {
      const p = canvasToWorld(plane, c + 0.5, rr + 0.5);
      const margin = 10.5 - Math.max(Math.abs(p[0] - 50), Math.abs(p[1] - 50), Math.abs(p[2] - 50));
      if (Math.abs(margin) > 1e-6 && (margin > 0 ? 1 : 0) !== s.data[rr * s.cols + c]) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('matches a nearest-voxel lookup per cell on a rotated, anisotropic grid', () => {
    const c = Math.cos(0.4), sn = Math.sin(0.4);
    const g: VolumeGeometry = {
      dimensions: [90, 80, 40], spacing: [0.6, 0.8, 2], origin: lps(10, -20, 5),
      direction: [[c, sn, 0], [-sn * 0.9, c * 0.9, Math.sqrt(1 - 0.81)], [0, 0, -1]],
    };
    const blobCentre = indexToWorld(g, voxel(45, 40, 20));
    const blob = maskWhere(g, { offset: [20, 15, 8], size: [50, 50, 25] }, (p) =>
      ((p[0] - blobCentre[0]) / 12) ** 2 + ((p[1] - blobCentre[1]) / 9) ** 2 + ((p[2] - blobCentre[2]) / 15) ** 2 <= 1);
    const plane = planeAt(blobCentre, [0.3, 1, 0.5], cross([0.3, 1, 0.5], [1, -0.2, 0.4]), 0.3, 200, 150);
    const step = 1.5;
    const s = sampleMaskOnPlane(blob, g, plane, step);
    expect(s.any).toBe(true);
    let wrong = 0;
    for (let rr = 0; rr < s.rows; rr++) for (let cc = 0; cc < s.cols; cc++) {
      const v = nearestVoxel(g, canvasToWorld(plane, (cc + 0.5) * step, (rr + 0.5) * step));
      const expected = v ? maskValue(blob, v[0], v[1], v[2]) : 0;
      if (expected !== s.data[rr * s.cols + cc]) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('is fast for a 512×512 canvas at step 2 over a 100×100×50 box (timing printed)', () => {
    const g: VolumeGeometry = { dimensions: [512, 512, 200], spacing: [0.8, 0.8, 2], origin: lps(-200, -200, 0), direction: IDENTITY_DIRECTION };
    const mid = indexToWorld(g, voxel(250, 250, 100));
    const blob = maskWhere(g, { offset: [200, 200, 75], size: [100, 100, 50] }, (p) =>
      ((p[0] - mid[0]) / 38) ** 2 + ((p[1] - mid[1]) / 30) ** 2 + ((p[2] - mid[2]) / 45) ** 2 <= 1);
    const oblique = planeAt(mid, [1, 0.3, 0.2], cross([1, 0.3, 0.2], [0.1, 0.2, 1]), 0.5, 512, 512);
    const axial = planeAt(mid, [1, 0, 0], [0, 1, 0], 0.5, 512, 512);
    const out = new Uint8Array(256 * 256);
    for (let n = 0; n < 10; n++) maskOutline(sampleMaskOnPlane(blob, g, oblique, 2, out).data, 256, 256); // warm-up
    const time = (plane: ViewPlane) => {
      const ms: number[] = [];
      for (let n = 0; n < 40; n++) {
        const t0 = performance.now();
        sampleMaskOnPlane(blob, g, plane, 2, out);
        maskOutline(out, 256, 256);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      return `median ${ms[20]!.toFixed(2)} ms, max ${ms[39]!.toFixed(2)} ms`;
    };
    const sampleOnly = (plane: ViewPlane) => {
      const ms: number[] = [];
      for (let n = 0; n < 40; n++) {
        const t0 = performance.now();
        sampleMaskOnPlane(blob, g, plane, 2, out);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      return `median ${ms[20]!.toFixed(2)} ms`;
    };
    console.log(`sampleMaskOnPlane 512×512 step 2, box 100×100×50: axial ${sampleOnly(axial)}, oblique ${sampleOnly(oblique)}; with maskOutline: axial ${time(axial)}, oblique ${time(oblique)}`);
    expect(sampleMaskOnPlane(blob, g, oblique, 2).any).toBe(true);
  });
});

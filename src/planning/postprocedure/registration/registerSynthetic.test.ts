import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_DIR, ensureSampleStudies } from '../../../../sample-dicom/ensureSampleStudies';
import { imageFiles } from '../../../../sample-dicom/testSupport/readSeries';
import type { StudyTruth } from '../../../../sample-dicom/truth';
import type { LpsBox } from '../../../records/postProcedure';
import { readSeriesVolume } from '../../../server/planning/readSeriesVolume';
import type { Vec3 } from '../../../shared/vec3';
import type { PlanningVolume } from '../../volume/planningVolume';
import { registerRigid } from '../registerRigid';
import { applyMatrix, multiply, rmsDistanceMm, rotationDifferenceDeg, type Matrix4 } from '../rigid';
import { seededRandom } from './samples';
import { axisAngleMatrix, syntheticCbct } from './syntheticCbct';

/**
 * Issue 18's "done when" for the registration, on case 2's planning CT resampled through
 * known transforms onto a cone-beam-like grid (1 mm, a cylinder field of view of 80 mm radius
 * that cuts the region, padding −1000, HU × 0.9 + 40, noise σ 25 HU, a 3000 HU cement blob in
 * lesion L1, a metal needle into it with ±300 HU streaks). The truth is the transform we
 * resampled with; errors are measured over a 10 mm grid of points within 50 mm of the lesion.
 */
let ct: PlanningVolume;
let lesion: Vec3;
let region: LpsBox;
const ball: Vec3[] = [];

beforeAll(async () => {
  await ensureSampleStudies(DEFAULT_SAMPLE_DIR, { keys: ['case2-pelvis-ct'], log: () => {} });
  const dir = path.join(DEFAULT_SAMPLE_DIR, 'case2-pelvis-ct');
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as StudyTruth;
  const read = await readSeriesVolume(imageFiles(dir));
  if (!read.ok) throw new Error(read.error);
  ct = read.value;
  const l1 = truth.lesions.find((l) => l.id === 'L1')!;
  lesion = l1.centerLps;
  // The default region: the lesion's box plus 40 mm.
  region = { minLps: l1.boundingBoxLps.min.map((v) => v - 40) as [number, number, number], maxLps: l1.boundingBoxLps.max.map((v) => v + 40) as [number, number, number] };
  for (let x = -50; x <= 50; x += 10) for (let y = -50; y <= 50; y += 10) for (let z = -50; z <= 50; z += 10) {
    if (Math.hypot(x, y, z) <= 50) ball.push([lesion[0] + x, lesion[1] + y, lesion[2] + z]);
  }
});

/** A cone-beam-like volume of `truth` (planning → CBCT), its grid centred off the lesion so the field of view cuts the region. */
function cbctOf(truth: Matrix4, seed: number): PlanningVolume {
  const c = applyMatrix(truth, lesion);
  return syntheticCbct(ct, {
    truth,
    centreLps: [c[0] + 12, c[1] - 8, c[2] + 6],
    sizeMm: [170, 170, 130],
    spacingMm: 1,
    fovRadiusMm: 80,
    noiseHu: 25,
    huScale: 0.9,
    huOffset: 40,
    seed,
    cement: { centreLps: [lesion[0] + 2, lesion[1] - 1, lesion[2]], semiAxesMm: [9, 10, 7], hu: 3000 },
    needle: { entryLps: [lesion[0] - 60, lesion[1] + 70, lesion[2] + 15], tipLps: [lesion[0] + 2, lesion[1] - 1, lesion[2]], radiusMm: 1.2, hu: 3000, streakHu: 300 },
  });
}

/** Ten poses: rotation angle (°) about a random axis through the lesion and translation length (mm) in a random direction. */
const POSES = [
  [20, 30], [18, 25], [15, 10], [12, 28], [20, 15], [8, 30], [16, 20], [19, 5], [10, 27], [14, 22],
] as const;

function pose(seed: number, angleDeg: number, translationMm: number): Matrix4 {
  const rnd = seededRandom(1000 + seed);
  const axis: Vec3 = [rnd() - 0.5, rnd() - 0.5, rnd() - 0.5];
  const dir = [rnd() - 0.5, rnd() - 0.5, rnd() - 0.5];
  const n = Math.hypot(dir[0]!, dir[1]!, dir[2]!);
  return axisAngleMatrix(axis, angleDeg, lesion, [0, 1, 2].map((a) => (dir[a]! / n) * translationMm) as unknown as Vec3);
}

describe('registerRigid on case 2 resampled through known poses', () => {
  POSES.forEach(([angle, shift], seed) => {
    it(`pose ${seed + 1}: ${angle}° about a mixed axis and ${shift} mm → within 1.0 mm RMS (50 mm ball) and 0.5°`, async () => {
      const truth = pose(seed, angle, shift);
      const phases: string[] = [];
      const res = await registerRigid(ct, cbctOf(truth, seed + 1), { region, onProgress: (_f, p) => phases.push(p) });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const r = res.value;
      const rms = rmsDistanceMm(truth, r.matrix, ball);
      const rot = rotationDifferenceDeg(truth, r.matrix);
      console.log(`pose ${seed + 1} (${angle}°, ${shift} mm): ${r.status}, RMS ${rms.toFixed(3)} mm, rotation ${rot.toFixed(3)}°, NCC ${r.residual.ncc.toFixed(3)}, edge ${r.residual.edgeDistanceMm?.toFixed(2)} mm, ${r.residual.samples} points, ${r.elapsedMs} ms`);
      expect(r.status).toBe('ok');
      expect(rms).toBeLessThanOrEqual(1.0);
      expect(rot).toBeLessThanOrEqual(0.5);
      expect(r.residual.ncc).toBeGreaterThan(0.6);
      expect(r.source).toBe('automatic');
      expect(phases.length).toBeGreaterThan(3);
      // A 2 mm error would fail the same bound (the bound is not vacuous).
      const off = [...truth];
      off[3]! += 2;
      expect(rmsDistanceMm(truth, off, ball)).toBeGreaterThan(1.0);
    });
  });
});

describe('registerRigid from a given start', () => {
  it('refines from `initial` without the coarse search (a start 3° and 4 mm off the truth)', async () => {
    const truth = pose(2, 15, 10);
    const start = multiply(truth, axisAngleMatrix([0.2, 1, -0.4], 3, lesion, [4, 0, 0]));
    const phases: string[] = [];
    const res = await registerRigid(ct, cbctOf(truth, 3), { region, initial: start, coarseSearch: false, onProgress: (_f, p) => phases.push(p) });
    expect(res.ok && res.value.status).toBe('ok');
    if (!res.ok) return;
    expect(phases.some((p) => p.startsWith('Coarse search'))).toBe(false);
    expect(rmsDistanceMm(start, truth, ball)).toBeGreaterThan(4);
    expect(rmsDistanceMm(truth, res.value.matrix, ball)).toBeLessThanOrEqual(1.0);
    expect(rotationDifferenceDeg(truth, res.value.matrix)).toBeLessThanOrEqual(0.5);
  });
});

describe('registerRigid reports failure beyond its capture range', () => {
  it('60° off → failed, with the start transform and a message', async () => {
    const truth = axisAngleMatrix([0.3, 0.2, 1], 60, lesion, [5, -5, 0]);
    const res = await registerRigid(ct, cbctOf(truth, 21), { region });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    console.log(`60°: ${res.value.status}: ${res.value.message}`);
    expect(res.value.status).toBe('failed');
    expect(res.value.message).toMatch(/not (trusted|possible)/);
  });

  it('80 mm off → failed', async () => {
    const truth = axisAngleMatrix([1, 0, 0], 5, lesion, [56, -40, 40]);
    const res = await registerRigid(ct, cbctOf(truth, 22), { region });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    console.log(`80 mm: ${res.value.status}: ${res.value.message}`);
    expect(res.value.status).toBe('failed');
  });

  it('a noise image → failed', async () => {
    const noise = cbctOf(axisAngleMatrix([0, 0, 1], 0, lesion, [0, 0, 0]), 23);
    const rnd = seededRandom(99);
    const s = noise.scalars;
    for (let n = 0; n < s.length; n++) if (s[n]! > -1000) s[n] = Math.round(-200 + 1400 * rnd());
    const res = await registerRigid(ct, noise, { region });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    console.log(`noise: ${res.value.status}: ${res.value.message}`);
    expect(res.value.status).toBe('failed');
  });

  it('bad input is an error naming the field; cancelling stops it', async () => {
    const bad = await registerRigid(ct, ct, { region: { minLps: [0, 0, 0], maxLps: [5, 50, 50] } });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^region: maxLps\[0\]/) });
    const cancelled = await registerRigid(ct, ct, { region, cancelled: () => true });
    expect(cancelled).toEqual({ ok: false, error: 'cancelled' });
  });
});

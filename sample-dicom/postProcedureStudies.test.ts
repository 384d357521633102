import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_DIR, ensureSampleStudies } from './ensureSampleStudies';
import type { StudyKey } from './studyKeys';
import { block, mean, readSeries, std, voxelOf, type Series } from './testSupport/readSeries';
import type { StudyTruth } from './truth';

// Checks of the post-procedure cone-beam CTs against their planning CTs. Expected numbers are
// the design figures of the brief and of the demo plans (src/server/demo/case2Plan.ts,
// case3Plan.ts), hand-copied, and geometry worked out by hand; the rotation is built here
// from its definition, not with the generator's or rigid.ts's code.

type V = [number, number, number];
const truthOf = (key: StudyKey): StudyTruth => JSON.parse(readFileSync(path.join(DEFAULT_SAMPLE_DIR, key, 'truth.json'), 'utf8')) as StudyTruth;
const sub = (a: readonly number[], b: readonly number[]): V => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
const add = (a: readonly number[], b: readonly number[], s = 1): V => [a[0]! + s * b[0]!, a[1]! + s * b[1]!, a[2]! + s * b[2]!];
const len = (a: readonly number[]) => Math.hypot(a[0]!, a[1]!, a[2]!);
const unit = (a: readonly number[]): V => { const n = len(a); return [a[0]! / n, a[1]! / n, a[2]! / n]; };
const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
const angleDeg = (a: readonly number[], b: readonly number[]) => (Math.acos(Math.min(1, dot(unit(a), unit(b)))) * 180) / Math.PI;
const apply = (m: readonly number[], p: readonly number[]): V => [0, 1, 2].map((r) => m[r * 4]! * p[0]! + m[r * 4 + 1]! * p[1]! + m[r * 4 + 2]! * p[2]! + m[r * 4 + 3]!) as V;
const rotate = (m: readonly number[], v: readonly number[]): V => [0, 1, 2].map((r) => m[r * 4]! * v[0]! + m[r * 4 + 1]! * v[1]! + m[r * 4 + 2]! * v[2]!) as V;

/** Rz·Ry·Rx (x applied first) from the three elementary rotations, as 3×3 rows. */
function rotationFromAngles(deg: readonly number[]): number[][] {
  const [a, b, c] = deg.map((d) => (d * Math.PI) / 180) as V;
  const rx = [[1, 0, 0], [0, Math.cos(a), -Math.sin(a)], [0, Math.sin(a), Math.cos(a)]];
  const ry = [[Math.cos(b), 0, Math.sin(b)], [0, 1, 0], [-Math.sin(b), 0, Math.cos(b)]];
  const rz = [[Math.cos(c), -Math.sin(c), 0], [Math.sin(c), Math.cos(c), 0], [0, 0, 1]];
  const mul = (p: number[][], q: number[][]) => p.map((row) => [0, 1, 2].map((j) => row.reduce((s, v, k) => s + v * q[k]![j]!, 0)));
  return mul(rz, mul(ry, rx));
}

/** Trilinear HU at an LPS point (axial, unrotated series). */
function huLinear(s: Series, p: readonly number[]): number {
  const h0 = s.headers[0]!;
  const dz = s.headers[1]!.position[2] - h0.position[2];
  const f = [(p[0]! - h0.position[0]) / h0.pixelSpacing[1], (p[1]! - h0.position[1]) / h0.pixelSpacing[0], (p[2]! - h0.position[2]) / dz];
  const i = Math.floor(f[0]!), j = Math.floor(f[1]!), k = Math.floor(f[2]!);
  const [u, v, w] = [f[0]! - i, f[1]! - j, f[2]! - k];
  let out = 0;
  for (let c = 0; c < 8; c++) {
    const [di, dj, dk] = [c & 1, (c >> 1) & 1, (c >> 2) & 1];
    const wt = (di ? u : 1 - u) * (dj ? v : 1 - v) * (dk ? w : 1 - w);
    out += wt * s.hu[((k + dk) * s.rows + j + dj) * s.columns + i + di]!;
  }
  return out;
}

/** Distance along `dir` from `from` where the HU profile first crosses `level` going `down` (or up), from `start` mm on. */
function crossing(s: Series, from: readonly number[], dir: readonly number[], start: number, end: number, level: number, down: boolean): number {
  let prev = huLinear(s, add(from, dir, start));
  for (let t = start + 0.05; t <= end; t += 0.05) {
    const h = huLinear(s, add(from, dir, t));
    if (down ? prev >= level && h < level : prev <= level && h > level) return t - 0.05 + (0.05 * (prev - level)) / (prev - h);
    prev = h;
  }
  return NaN;
}

/** Unit vectors perpendicular to `u`. */
function perpendiculars(u: readonly number[]): [V, V] {
  const a = unit(Math.abs(u[2]!) < 0.9 ? [u[1]!, -u[0]!, 0] : [0, u[2]!, -u[1]!]);
  const b: V = [u[1]! * a[2] - u[2]! * a[1], u[2]! * a[0] - u[0]! * a[2], u[0]! * a[1] - u[1]! * a[0]];
  return [a, b];
}

interface PlannedTrajectory { lesionId: string; target: V; outward: V; tipMm: number; angleDeg: number }
interface Case {
  cbct: StudyKey;
  ct: StudyKey;
  /** The demo plan's trajectories from the CT truth: target and outward direction, and the designed deviation. */
  plan: (ct: StudyTruth) => Record<string, PlannedTrajectory>;
  fill: Record<string, [number, number]>;
  leaks: Record<string, [number, number]>;
}

const CASES: Case[] = [
  {
    cbct: 'case2-cbct',
    ct: 'case2-pelvis-ct',
    plan: (ct) => ({
      'cement-acetabular': { lesionId: 'L1', target: ct.lesions[0]!.centerLps, outward: [-0.3, -0.9, 0.3], tipMm: 3, angleDeg: 4 },
      'cement-ramus': { lesionId: 'L2', target: ct.lesions[1]!.centerLps, outward: [0.25, -0.7, 0.65], tipMm: 0, angleDeg: 0 },
    }),
    fill: { L1: [60, 80], L2: [35, 55] },
    leaks: { venous: [0.15, 0.4], 'soft-tissue': [0.2, 0.4] },
  },
  {
    cbct: 'case3-cbct',
    ct: 'case3-spine-ct',
    plan: (ct) => {
      // case3Plan.ts: on the line through the left pedicle's centre at 12° from sagittal, at the body centre's depth.
      const ped = ct.landmarks.T10PedicleLeft!, body = ct.landmarks.T10BodyCentre!;
      const target: V = [ped[0] - (ped[1] - body[1]) * Math.tan((12 * Math.PI) / 180), body[1], body[2]];
      return { T1: { lesionId: 'L1', target, outward: sub(ped, target), tipMm: 2, angleDeg: 2.5 } };
    },
    fill: { L1: [75, 85] },
    leaks: { disc: [0.1, 0.5], 'segmental-venous': [0.1, 0.4] },
  },
];

beforeAll(async () => {
  await ensureSampleStudies();
});

for (const c of CASES) {
  describe(`${c.cbct} against ${c.ct}`, () => {
    let s: Series;
    let ct: Series;
    let t: StudyTruth;
    let p: StudyTruth;
    let m: number[];
    beforeAll(() => {
      s = readSeries(path.join(DEFAULT_SAMPLE_DIR, c.cbct));
      ct = readSeries(path.join(DEFAULT_SAMPLE_DIR, c.ct));
      t = truthOf(c.cbct);
      p = truthOf(c.ct);
      m = t.pose!.planningToThisLps;
    });
    afterAll(() => {
      s = ct = undefined as unknown as Series;
    });

    it('has a pose: Rz·Ry·Rx about the centre, then the translation; every angle non-zero and ≤ 20°, 10–30 mm', () => {
      const pose = t.pose!;
      expect(pose.planningStudyKey).toBe(c.ct);
      const r = rotationFromAngles(pose.rotationDeg);
      const cen = pose.centreLps;
      for (let row = 0; row < 3; row++) {
        for (let col = 0; col < 3; col++) expect(m[row * 4 + col]).toBeCloseTo(r[row]![col]!, 12);
        const moved = r[row]!.reduce((acc, v, k) => acc + v * cen[k]!, 0);
        expect(m[row * 4 + 3]).toBeCloseTo(cen[row]! + pose.translationMm[row]! - moved, 9);
      }
      expect(m.slice(12)).toEqual([0, 0, 0, 1]);
      for (const a of pose.rotationDeg) expect(Math.abs(a)).toBeGreaterThanOrEqual(3);
      for (const a of pose.rotationDeg) expect(Math.abs(a)).toBeLessThanOrEqual(20);
      expect(len(pose.translationMm)).toBeGreaterThanOrEqual(10);
      expect(len(pose.translationMm)).toBeLessThanOrEqual(30);
    });

    it('puts every landmark and lesion centre at M · (the planning CT\'s) within 0.01 mm', () => {
      const names = Object.keys(p.landmarks);
      expect(Object.keys(t.landmarks).sort()).toEqual([...names].sort());
      for (const n of names) expect(len(sub(t.landmarks[n]!, apply(m, p.landmarks[n]!))), n).toBeLessThan(0.01);
      for (const l of t.lesions) {
        const before = p.lesions.find((x) => x.id === l.id)!;
        expect(len(sub(l.centerLps, apply(m, before.centerLps))), l.id).toBeLessThan(0.01);
        // The same shape counted on another grid: within 5 % of the CT's labelled volume.
        expect(Math.abs(l.volumeMl / before.volumeMl - 1), l.id).toBeLessThan(0.05);
      }
    });

    it('shows the bone where the pose puts it (an edge on a line profile)', () => {
      if (c.cbct === 'case2-cbct') {
        // Right femoral head (radius 21.5 mm), joint space 3 mm, then the acetabular fossa, medially (+x on the CT).
        const h = t.landmarks.femoralHeadCentreRight!;
        const medial = rotate(m, [1, 0, 0]);
        console.log(`[${c.cbct}] femoral head edge ${crossing(s, h, medial, 17, 24, 750, true).toFixed(2)} mm (21.5), acetabulum ${crossing(s, h, medial, 22.5, 27, 700, false).toFixed(2)} mm (24.5)`);
        expect(Math.abs(crossing(s, h, medial, 17, 24, 750, true) - 21.5)).toBeLessThan(0.75);
        expect(Math.abs(crossing(s, h, medial, 22.5, 27, 700, false) - 24.5)).toBeLessThan(0.75);
        expect(huLinear(s, add(h, medial, 23))).toBeLessThan(400);
      } else {
        // T9's anterior cortex: half its 29 mm depth less its 6 % waist at mid-height, 13.63 mm in front of the centre.
        const c9 = t.landmarks.T9BodyCentre!;
        const anterior = rotate(m, [0, -1, 0]);
        console.log(`[${c.cbct}] T9 anterior cortex ${crossing(s, c9, anterior, 8, 18, 500, true).toFixed(2)} mm (13.63)`);
        expect(Math.abs(crossing(s, c9, anterior, 8, 18, 500, true) - 13.63)).toBeLessThan(0.75);
        expect(huLinear(s, c9)).toBeLessThan(400);
      }
    });

    it('keeps the lesions, the needles and the treated bone inside the field of view', () => {
      const fov = t.fieldOfView!;
      const zs = [t.geometry.firstPosition[2], t.geometry.lastPosition[2]];
      const inside = (q: readonly number[], margin: number) =>
        Math.hypot(q[0]! - fov.center[0], q[1]! - fov.center[1]) <= fov.radiusMm - margin && q[2]! >= Math.min(...zs) + margin && q[2]! <= Math.max(...zs) - margin;
      for (const l of t.lesions) expect(inside(l.centerLps, 20), l.id).toBe(true);
      for (const n of t.needles!) {
        expect(inside(n.tipLps, 10), n.name).toBe(true);
        // The shaft goes on beyond the skin: 6 mm past the entry is still imaged.
        expect(inside(add(n.entryLps, unit(sub(n.entryLps, n.tipLps)), 6), 2), n.name).toBe(true);
      }
      const bone = c.cbct === 'case2-cbct' ? ['femoralHeadCentreRight', 'acetabularRoofRight', 'pubicSymphysis'] : ['T9BodyCentre', 'T10BodyCentre', 'T11BodyCentre'];
      for (const b of bone) expect(inside(t.landmarks[b]!, 25), b).toBe(true);
    });

    it('has the needles of the plan, deviating as designed, as metal from beyond the skin to the tip', () => {
      const plan = c.plan(p);
      expect(t.needles!.map((n) => n.trajectoryId).sort()).toEqual(Object.keys(plan).sort());
      for (const n of t.needles!) {
        const want = plan[n.trajectoryId]!;
        expect(len(sub(n.tipLps, apply(m, n.tipPlanningLps))), n.name).toBeLessThan(0.01);
        expect(len(sub(n.entryLps, apply(m, n.entryPlanningLps))), n.name).toBeLessThan(0.01);
        expect(len(sub(n.tipPlanningLps, want.target)), n.name).toBeCloseTo(want.tipMm, 2);
        expect(angleDeg(sub(n.entryPlanningLps, n.tipPlanningLps), want.outward), n.name).toBeCloseTo(want.angleDeg, 2);
        expect(n.designedDeviation).toEqual({ tipMm: want.tipMm, angleDeg: want.angleDeg });
        expect(n.diameterMm).toBeGreaterThanOrEqual(3);
        expect(n.diameterMm).toBeLessThanOrEqual(3.4);
        // Steel along the axis, well above cement; not beyond the tip.
        const u = unit(sub(n.entryLps, n.tipLps));
        const depth = len(sub(n.entryLps, n.tipLps));
        for (let d = 1.5; d <= depth + 5; d += 1) expect(huLinear(s, add(n.tipLps, u, d)), `${n.name} at ${d} mm`).toBeGreaterThan(4500);
        expect(huLinear(s, add(n.tipLps, u, -2)), `${n.name} beyond the tip`).toBeLessThan(4500);
        // The skin: soft tissue around the shaft 6 mm inside the entry, air 6 mm outside.
        const [a, b] = perpendiculars(u);
        const ring = (d: number) => Array.from({ length: 12 }, (_, k) => huLinear(s, add(add(n.tipLps, u, d), add(a, b, Math.tan((k * Math.PI) / 6)), 4 / Math.hypot(1, Math.tan((k * Math.PI) / 6))))).sort((x, y) => x - y);
        expect(ring(depth - 6)[6], `${n.name} inside the skin`).toBeGreaterThan(-300);
        expect(ring(depth + 6)[6], `${n.name} outside the skin`).toBeLessThan(-700);
        // The tip lies in its lesion (within its bounding box on the CBCT).
        const box = t.lesions.find((l) => l.id === want.lesionId)!.boundingBoxLps;
        for (let k = 0; k < 3; k++) expect(n.tipLps[k]).toBeGreaterThan(box.min[k]!);
        for (let k = 0; k < 3; k++) expect(n.tipLps[k]).toBeLessThan(box.max[k]!);
      }
    });

    it('has streaks around the metal: bright and dark lines in the fat about a needle', () => {
      const n = t.needles![t.needles!.length - 1]!;
      const u = unit(sub(n.entryLps, n.tipLps));
      // 25 mm inside the skin (subcutaneous fat, about −105 HU): a ring 8 mm about the needle's
      // crossing in that axial slice, against the same ring 25 mm further down the body (no metal there).
      const at = add(n.entryLps, u, -25);
      // Points within 4 mm of the needle's axis (a needle lying nearly in the slice) are left out.
      const offAxis = (q: V) => len(sub(q, add(n.tipLps, u, dot(sub(q, n.tipLps), u)))) > 4;
      const ring = (z: number) => Array.from({ length: 720 }, (_, k): V => [at[0] + 8 * Math.cos((k * Math.PI) / 360), at[1] + 8 * Math.sin((k * Math.PI) / 360), z])
        .filter((q) => z !== at[2] || offAxis(q))
        .map((q) => block(s, voxelOf(s, q), 0, 0)[0]!);
      const near = ring(at[2]);
      const median = [...near].sort((a, b) => a - b)[near.length >> 1]!;
      const bright = near.filter((v) => v > median + 150).length;
      const dark = near.filter((v) => v < median - 150).length;
      console.log(`[${c.cbct}] ring about ${n.trajectoryId}: median ${median} HU, ${bright} bright and ${dark} dark samples of ${near.length} (±150 HU), std ${std(near).toFixed(0)} HU`);
      expect(bright).toBeGreaterThanOrEqual(10);
      expect(dark).toBeGreaterThanOrEqual(10);
      expect(std(near)).toBeGreaterThan(1.5 * std(ring(at[2] - 25)));
    });

    it('has the cement: volumes, fill and leaks, visible in the image, leaks outside bone on the planning CT', () => {
      const cem = t.cement!;
      let lesionCement = 0;
      for (const l of cem.lesions) {
        const lesion = t.lesions.find((x) => x.id === l.lesionId)!;
        expect(l.lesionVolumeMl).toBeCloseTo(lesion.volumeMl, 2);
        expect(l.fillPct).toBeCloseTo((100 * l.cementInLesionMl) / l.lesionVolumeMl, 1);
        expect(l.fillPct, l.lesionId).toBeGreaterThanOrEqual(c.fill[l.lesionId]![0]);
        expect(l.fillPct, l.lesionId).toBeLessThanOrEqual(c.fill[l.lesionId]![1]);
        lesionCement += l.cementInLesionMl;
      }
      expect(cem.leaks.map((l) => l.location).sort()).toEqual(Object.keys(c.leaks).sort());
      const leakTotal = cem.leaks.reduce((a, l) => a + l.volumeMl, 0);
      expect(cem.totalMl).toBeGreaterThanOrEqual(lesionCement + leakTotal - 1e-3);
      for (const l of cem.leaks) {
        const [lo, hi] = c.leaks[l.location]!;
        expect(l.volumeMl, l.id).toBeGreaterThanOrEqual(lo);
        expect(l.volumeMl, l.id).toBeLessThanOrEqual(hi);
        expect(len(sub(l.centreLps, apply(m, l.centrePlanningLps))), l.id).toBeLessThan(0.01);
        // Cement near the leak's centre in the CBCT…
        const near = block(s, voxelOf(s, l.centreLps), 4, 4);
        expect(Math.max(...near), l.id).toBeGreaterThan(2000);
        // …where the planning CT shows no bone: soft tissue, vein or disc.
        const before = mean(block(ct, voxelOf(ct, l.centrePlanningLps), 1, 0));
        expect(before, `${l.id} on the CT`).toBeGreaterThan(-150);
        expect(before, `${l.id} on the CT`).toBeLessThan(150);
      }
      // Cement counted in the image (2000–4500 HU, not the needles' metal or its blurred rim) against the truth.
      const axes = t.needles!.map((n) => ({ a: n.tipLps, u: unit(sub(n.entryLps, n.tipLps)), l: len(sub(n.entryLps, n.tipLps)) + 12, r: n.diameterMm / 2 + 0.8 }));
      const h0 = s.headers[0]!;
      const dz = s.headers[1]!.position[2] - h0.position[2];
      let count = 0;
      for (let k = 0; k < s.slices; k++) {
        for (let j = 0; j < s.rows; j++) {
          for (let i = 0; i < s.columns; i++) {
            const v = s.hu[(k * s.rows + j) * s.columns + i]!;
            if (v < 2000 || v > 4500) continue;
            const q: V = [h0.position[0] + i * h0.pixelSpacing[1], h0.position[1] + j * h0.pixelSpacing[0], h0.position[2] + k * dz];
            const nearNeedle = axes.some(({ a, u, l, r }) => {
              const d = Math.max(0, Math.min(l, dot(sub(q, a), u)));
              return len(sub(q, add(a, u, d))) < r;
            });
            if (!nearNeedle) count++;
          }
        }
      }
      const imageMl = (count * h0.pixelSpacing[0] * h0.pixelSpacing[1] * Math.abs(dz)) / 1000;
      console.log(`[${c.cbct}] cement: ${imageMl.toFixed(3)} mL at 2000–4500 HU in the image, ${cem.totalMl} mL in truth`);
      expect(Math.abs(imageMl / cem.totalMl - 1), `${imageMl.toFixed(2)} mL in the image, ${cem.totalMl} mL in truth`).toBeLessThan(0.2);
    });
  });
}

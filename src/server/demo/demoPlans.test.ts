import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { lps, voxel } from '../../shared/vec3';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { deviceById } from '../../planning/devices/deviceById';
import { decodeMask, geometryOfStored } from '../../planning/encoding/encodeMask';
import { lesionContentSchema, type LesionContent } from '../../planning/records/lesionContent';
import type { StructureAtRisk } from '../../planning/records/structureAtRisk';
import { rasterizeTube } from '../../planning/structures/rasterizeTube';
import type { BinaryVolume } from '../../planning/trajectory/gridGeometry';
import { prepareMask } from '../../planning/trajectory/preparedMask';
import { recomputePlanMetrics, type RecomputeStructure } from '../../planning/trajectory/recomputePlanMetrics';
import { sampleTrilinear } from '../../planning/trajectory/sampleTrilinear';
import { trajectoryContentSchema, type TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { indexToWorld, nearestVoxel, worldToIndex } from '../../planning/volume/indexWorld';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { voxelVolumeMm3 } from '../../planning/volume/volumeGeometry';
import { prepareLesion } from '../../planning/zones/preparedLesion';
import { planInputSchema } from '../../records/plan';
import { buildDemoPlan, type DemoCaseKey, type DemoPlanInput, type DemoTruth } from './demoPlans';
import { readDemoStudy } from './loadDemoPlan';

const GENERATED = fileURLToPath(new URL('../../../sample-dicom/generated/', import.meta.url));
const catalogue = defaultCatalogue();
type Triple = readonly [number, number, number];

/** What one case's tests share: the CT, its truth, the plan, and the metrics the server would store. */
interface Loaded {
  volume: PlanningVolume;
  truth: DemoTruth;
  plan: DemoPlanInput;
  lesions: LesionContent['lesions'];
  structures: StructureAtRisk[];
  masks: Map<string, BinaryVolume>;
  trajectories: Trajectory[];
  zoneMetrics: TrajectoryContent['zoneMetrics'];
}

/** The voxels of a structure on the CT grid: a decoded mask or a rasterized tube, as the server prepares them. */
function structureMask(s: StructureAtRisk, volume: PlanningVolume): BinaryVolume {
  if (s.shape.kind === 'mask') {
    const d = decodeMask(s.shape.mask);
    if (!d.ok) throw new Error(`${s.id}: ${d.error}`);
    return { geometry: geometryOfStored(s.shape.mask.geometry), box: d.value.box, data: d.value.data };
  }
  const m = rasterizeTube(volume, s.shape.pointsLps.map((p) => lps(...p)), s.shape.radiusMm);
  return { geometry: volume, box: m.box, data: m.data };
}

/** HU statistics of a mask's voxels, read from the CT. */
function huOf(volume: PlanningVolume, m: BinaryVolume): { mean: number; count: number; fractionAbove: (hu: number) => number } {
  const [ox, oy, oz] = m.box.offset, [sx, sy, sz] = m.box.size;
  const [nx, ny] = volume.dimensions;
  const values: number[] = [];
  for (let z = 0, p = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, p++) {
    if (m.data[p]) values.push(volume.scalars[ox + x + nx * (oy + y + ny * (oz + z))]!);
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, count: values.length, fractionAbove: (hu) => values.filter((v) => v > hu).length / values.length };
}

/** Centroid (LPS) of a mask's voxels. */
function centroidOf(volume: PlanningVolume, m: BinaryVolume): Triple {
  const [ox, oy, oz] = m.box.offset, [sx, sy, sz] = m.box.size;
  let n = 0, cx = 0, cy = 0, cz = 0;
  for (let z = 0, p = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, p++) {
    if (!m.data[p]) continue;
    const w = indexToWorld(volume, voxel(ox + x, oy + y, oz + z));
    n++;
    cx += w[0];
    cy += w[1];
    cz += w[2];
  }
  return [cx / n, cy / n, cz / n];
}

/** True when the voxel nearest to `p` is in the mask. */
function contains(volume: PlanningVolume, m: BinaryVolume, p: Triple): boolean {
  const v = nearestVoxel(volume, lps(...p));
  if (!v) return false;
  const [ox, oy, oz] = m.box.offset, [sx, sy, sz] = m.box.size;
  const x = v[0] - ox, y = v[1] - oy, z = v[2] - oz;
  return x >= 0 && y >= 0 && z >= 0 && x < sx && y < sy && z < sz && m.data[x + sx * (y + sy * z)] === 1;
}

/** Distance from a point to a segment, mm. */
function pointToSegment(p: Triple, a: Triple, b: Triple): number {
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const len2 = ab[0]! ** 2 + ab[1]! ** 2 + ab[2]! ** 2;
  const t = Math.max(0, Math.min(1, (ap[0]! * ab[0]! + ap[1]! * ab[1]! + ap[2]! * ab[2]!) / len2));
  return Math.hypot(ap[0]! - t * ab[0]!, ap[1]! - t * ab[1]!, ap[2]! - t * ab[2]!);
}

const pointToPolyline = (p: Triple, pts: readonly Triple[]): number =>
  Math.min(...pts.slice(1).map((b, i) => pointToSegment(p, pts[i]!, b)));

const huAt = (volume: PlanningVolume, p: Triple): number => {
  const f = worldToIndex(volume, lps(...p));
  return sampleTrilinear(volume, f[0], f[1], f[2]);
};

async function load(key: DemoCaseKey): Promise<Loaded> {
  const study = await readDemoStudy(GENERATED, key);
  if (!study.ok) throw new Error(study.error);
  const { volume, truth } = study.value;
  const built = buildDemoPlan(key, volume, truth, catalogue);
  if (!built.ok) throw new Error(built.error);
  const plan = built.value;
  const lesionPart = lesionContentSchema.parse(plan.content);
  const masks = new Map(lesionPart.structuresAtRisk.map((s) => [s.id, structureMask(s, volume)] as const));
  const structures: RecomputeStructure[] = lesionPart.structuresAtRisk.map((s) => ({ id: s.id, label: s.name, mask: prepareMask(masks.get(s.id)!), safetyDistanceMm: s.safetyDistanceMm }));
  const lesions = lesionPart.lesions.map((l) => {
    const d = decodeMask(l.segmentation!);
    if (!d.ok) throw new Error(d.error);
    return { id: l.id, lesion: prepareLesion({ geometry: geometryOfStored(l.segmentation!.geometry), box: d.value.box, data: d.value.data }) };
  });
  const canal = truth.landmarks.T10CanalCentre;
  const r = recomputePlanMetrics(plan.content, {
    frameOfReferenceUID: plan.frameOfReferenceUID,
    catalogue,
    ct: volume,
    structures,
    lesions,
    canalPoint: () => (canal ? lps(...canal) : null),
  });
  if (!r.ok) throw new Error(r.error.join('\n'));
  const part = trajectoryContentSchema.parse(r.value);
  return { volume, truth, plan, lesions: lesionPart.lesions, structures: lesionPart.structuresAtRisk, masks, trajectories: part.trajectories, zoneMetrics: part.zoneMetrics };
}

/** Checks every plan shares, whatever the case. */
function commonChecks(get: () => Loaded, expected: { status: string; lesions: number; trajectories: number }) {
  it('is a plan input of the study, whose content parses with the lesion and trajectory schemas', () => {
    const { plan, truth } = get();
    expect(planInputSchema.safeParse(plan).success).toBe(true);
    expect([plan.studyInstanceUID, plan.seriesInstanceUID, plan.frameOfReferenceUID]).toEqual([truth.studyInstanceUID, truth.seriesInstanceUID, truth.frameOfReferenceUID]);
    expect(plan.status).toBe(expected.status);
    expect(plan.title.length).toBeGreaterThan(10);
    expect(lesionContentSchema.safeParse(plan.content).success).toBe(true);
    expect(trajectoryContentSchema.safeParse(plan.content).success).toBe(true);
    // The server computes the metrics: the plan carries none.
    expect('zoneMetrics' in plan.content).toBe(false);
    expect((plan.content.trajectories as Record<string, unknown>[]).every((t) => !('metrics' in t))).toBe(true);
  });

  it('grows every truth lesion to within 10 % of its painted volume, mask and measurements agreeing', () => {
    const { lesions, truth, volume } = get();
    expect(lesions).toHaveLength(expected.lesions);
    for (const t of truth.lesions) {
      const l = lesions.find((x) => x.id === t.id)!;
      const fromMask = (l.segmentation!.voxelCount * voxelVolumeMm3(volume)) / 1000;
      expect(Math.abs(fromMask / t.volumeMl - 1)).toBeLessThan(0.1);
      expect(l.measurements!.volumeMl).toBeCloseTo(fromMask, 9);
      expect(l.grow!.seedLps).toEqual([...t.centerLps]);
      expect(l.grow!.editedAfterGrow).toBe(false);
    }
  });

  it('has non-empty structures at risk', () => {
    const { structures, masks } = get();
    for (const s of structures) expect(huOf(get().volume, masks.get(s.id)!).count, s.id).toBeGreaterThan(50);
  });

  it('places every entry just outside the skin, within the working length, clear of canal, bowel, bladder and vessels', () => {
    const { trajectories, structures, volume } = get();
    expect(trajectories).toHaveLength(expected.trajectories);
    const avoid = new Set(structures.filter((s) => ['spinal-canal', 'spinal-cord', 'bowel', 'bladder', 'major-vessel'].includes(s.kind)).map((s) => s.id));
    for (const t of trajectories) {
      const m = t.metrics!;
      expect(m.depthMm, t.id).toBeLessThanOrEqual(deviceById(catalogue, t.deviceId)!.workingLengthMm);
      expect(m.needleMarginMm, t.id).toBeGreaterThanOrEqual(0);
      // Outside: air at the entry (below −300 HU); the body (skin, fat: above −200 HU) within 5 mm inward.
      expect(huAt(volume, t.entry), t.id).toBeLessThan(-300);
      const u = [0, 1, 2].map((a) => (t.target[a]! - t.entry[a]!) / m.depthMm);
      const inward = [1, 2, 3, 4, 5].map((s) => huAt(volume, [t.entry[0] + u[0]! * s, t.entry[1] + u[1]! * s, t.entry[2] + u[2]! * s]));
      expect(Math.max(...inward), t.id).toBeGreaterThan(-200);
      for (const d of m.structures.filter((x) => avoid.has(x.structureId))) {
        expect(d.distanceMm, `${t.id} → ${d.structureId}`).toBeGreaterThan(0);
        expect(d.lengthInsideMm, `${t.id} → ${d.structureId}`).toBe(0);
      }
    }
  });
}

const cases: { key: DemoCaseKey; run: (get: () => Loaded) => void }[] = [
  {
    key: 'case1-pelvis-ct',
    run: (get) => {
      commonChecks(get, { status: 'performed', lesions: 1, trajectories: 9 });

      it('models the bowel from its gas, the right iliac vessels on blood, and the sciatic nerve in soft tissue', () => {
        const { volume, masks, truth } = get();
        const lesion = truth.lesions[0]!.centerLps;
        const head = truth.landmarks.femoralHeadCentreRight!;
        // Bowel: gas-bearing (a good part below −400 HU), medial and anterior to the iliac lesion.
        const bowel = masks.get('S-bowel')!;
        expect(huOf(volume, bowel).fractionAbove(-400)).toBeLessThan(0.85);
        const bc = centroidOf(volume, bowel);
        expect(bc[0]).toBeGreaterThan(lesion[0]);
        expect(bc[1]).toBeLessThan(lesion[1]);
        // Vessels: blood (≈ 40 HU); fat (≈ −100) or bone around a misplaced tube would show.
        for (const id of ['S-artery', 'S-vein']) {
          const h = huOf(volume, masks.get(id)!);
          expect(h.mean, id).toBeGreaterThan(20);
          expect(h.mean, id).toBeLessThan(60);
        }
        // The nerve: soft tissue, not bone, behind the hip joint.
        const nerve = huOf(volume, masks.get('S-sciatic')!);
        expect(nerve.fractionAbove(300)).toBeLessThan(0.02);
        expect(centroidOf(volume, masks.get('S-sciatic')!)[1]).toBeGreaterThan(head[1] + 40);
      });

      /*
       * The cryoprobes' lethal zone, from the catalogue: a single probe freezes a 12 mm wide,
       * 32 mm long lethal spheroid. A cluster of n ≥ 4 probes grows every zone by the 4-probe
       * calibration: the 49 mm lethal diameter of a 20 mm square, π r² + 4·20·r + 20² = π·24.5²,
       * gives r = 12.47 mm, so 6.47 mm of growth: each probe's lethal zone becomes ≈ 25 × 45 mm.
       * Five probes on a 28 mm square with one in the middle fill the square dilated by 12.5 mm:
       * ≈ 53 × 53 mm across and 45 mm (plus the tips' stagger) along the probes. The lesion's
       * nominal ellipsoid is 44 × 56 × 68 mm, but bone confines it: 49.9 mL of the ellipsoid's
       * 87.7 mL, a slab ≈ 35–40 mm thick across the iliac plate, within the zone's length, and
       * ≈ 55 mm across, about the zone's width. So the zone can hold nearly all of it; what it
       * cannot hold are the lobes beyond that footprint, a few per cent: at least 95 %.
       */
      it('covers the iliac lesion with the five probes’ lethal zone (≥ 95 %), with no bowel, vessel or nerve in the ice', () => {
        const { trajectories, zoneMetrics } = get();
        const probes = trajectories.filter((t) => t.deviceId === 'generic-cryoprobe-13g');
        expect(probes).toHaveLength(5);
        expect(trajectories.filter((t) => deviceById(catalogue, t.deviceId)!.kind === 'bone-access-needle')).toHaveLength(4);
        expect(zoneMetrics!.clusters).toHaveLength(1);
        expect(zoneMetrics!.clusters[0]!.probeIds).toHaveLength(5);
        const cov = zoneMetrics!.lesions.find((l) => l.lesionId === 'L1')!;
        console.log(`[demo plans] case 1: lethal coverage ${cov.coveragePercent} % of ${cov.lesionVolumeMl} mL, min margin ${cov.minMarginMm} mm`);
        expect(cov.coveragePercent).toBeGreaterThanOrEqual(95);
        for (const s of zoneMetrics!.structures) {
          expect(s.volumeInLethalMl, s.structureId).toBe(0);
          expect(s.warning, s.structureId).toBe(false);
        }
        // Parallel probes, 2 cm apart (1.5–2.5 cm to the nearest neighbour, measured across them).
        const dir = (t: Trajectory) => {
          const d = [0, 1, 2].map((a) => t.target[a]! - t.entry[a]!);
          const n = Math.hypot(d[0]!, d[1]!, d[2]!);
          return d.map((x) => x / n);
        };
        const u = dir(probes[0]!);
        for (const p of probes) expect(dir(p).reduce((s, x, a) => s + x * u[a]!, 0)).toBeGreaterThan(Math.cos((2 * Math.PI) / 180));
        for (const p of probes) {
          const across = probes.filter((q) => q !== p).map((q) => {
            const d = [0, 1, 2].map((a) => q.target[a]! - p.target[a]!);
            const along = d.reduce((s, x, a) => s + x * u[a]!, 0);
            return Math.hypot(...d.map((x, a) => x - along * u[a]!));
          });
          expect(Math.min(...across)).toBeGreaterThan(15);
          expect(Math.min(...across)).toBeLessThan(25);
        }
      });

      it('keeps every needle at least 5 mm from every other track', () => {
        const { trajectories } = get();
        for (let i = 0; i < trajectories.length; i++) {
          for (let j = i + 1; j < trajectories.length; j++) {
            const a = trajectories[i]!, b = trajectories[j]!;
            let best = Infinity;
            for (let s = 0; s <= 100; s++) {
              const p: Triple = [0, 1, 2].map((k) => a.entry[k]! + ((a.target[k]! - a.entry[k]!) * s) / 100) as unknown as Triple;
              best = Math.min(best, pointToSegment(p, b.entry, b.target));
            }
            expect(best, `${a.id} – ${b.id}`).toBeGreaterThan(5);
          }
        }
      });
    },
  },
  {
    key: 'case2-pelvis-ct',
    run: (get) => {
      commonChecks(get, { status: 'approved', lesions: 2, trajectories: 2 });

      it('finds the bladder as urine, the femoral vessels on blood, and the hip joint space round the femoral head', () => {
        const { volume, masks, truth } = get();
        // Urine is water: 0–20 HU.
        const bladder = huOf(volume, masks.get('S-bladder')!);
        expect(bladder.mean).toBeGreaterThan(-5);
        expect(bladder.mean).toBeLessThan(20);
        const ml = (bladder.count * voxelVolumeMm3(volume)) / 1000;
        expect(ml).toBeGreaterThan(50);
        expect(ml).toBeLessThan(500);
        // Behind the symphysis.
        expect(centroidOf(volume, masks.get('S-bladder')!)[1]).toBeGreaterThan(truth.landmarks.pubicSymphysis![1]);
        for (const id of ['S-artery', 'S-vein']) {
          const h = huOf(volume, masks.get(id)!);
          expect(h.mean, id).toBeGreaterThan(20);
          expect(h.mean, id).toBeLessThan(60);
        }
        // The joint space: a 2–5 mm shell whose outer surface lies just below the acetabular roof landmark.
        const head = truth.landmarks.femoralHeadCentreRight!;
        const roof = truth.landmarks.acetabularRoofRight!;
        const s = get().structures.find((x) => x.id === 'S-hip-joint')!;
        expect(s.shape.kind).toBe('mask');
        expect(contains(volume, masks.get('S-hip-joint')!, [head[0], head[1], head[2] + 23])).toBe(true);
        expect(contains(volume, masks.get('S-hip-joint')!, head)).toBe(false);
        expect(contains(volume, masks.get('S-hip-joint')!, roof)).toBe(false);
      });

      it('reaches each lesion with one bone access needle from in front', () => {
        const { trajectories } = get();
        expect(trajectories.map((t) => t.lesionId).sort()).toEqual(['L1', 'L2']);
        for (const t of trajectories) {
          expect(deviceById(catalogue, t.deviceId)!.kind).toBe('bone-access-needle');
          expect(t.entry[1]).toBeLessThan(t.target[1] - 40);
          // The joint is not entered: the tip stays out of the joint space.
          const joint = t.metrics!.structures.find((s) => s.structureId === 'S-hip-joint')!;
          expect(joint.distanceMm).toBeGreaterThan(0);
        }
      });
    },
  },
  {
    key: 'case3-spine-ct',
    run: (get) => {
      commonChecks(get, { status: 'performed', lesions: 1, trajectories: 1 });

      it('segments the canal around T10CanalCentre, and puts the aorta and the T10 roots where they belong', () => {
        const { volume, masks, truth, structures } = get();
        const L = truth.landmarks;
        const canal = masks.get('S-canal')!;
        expect(contains(volume, canal, L.T10CanalCentre!)).toBe(true);
        // CSF, cord and epidural fat: between fat and soft tissue on average, never bone.
        const h = huOf(volume, canal);
        expect(h.mean).toBeGreaterThan(-110);
        expect(h.mean).toBeLessThan(50);
        expect(h.fractionAbove(150)).toBe(0);
        // From T9 to T11.
        const c = centroidOf(volume, canal);
        expect(Math.abs(c[0] - L.T10CanalCentre![0])).toBeLessThan(2);
        expect(c[2]).toBeLessThan(L.T9BodyCentre![2]);
        expect(c[2]).toBeGreaterThan(L.T11BodyCentre![2]);
        const aorta = structures.find((s) => s.id === 'S-aorta')!;
        if (aorta.shape.kind !== 'tube') throw new Error('aorta is a tube');
        expect(pointToPolyline(L.aortaT10!, aorta.shape.pointsLps)).toBeLessThan(3);
        const blood = huOf(volume, masks.get('S-aorta')!);
        expect(blood.mean).toBeGreaterThan(20);
        expect(blood.mean).toBeLessThan(80);
        // The roots: out through the foramina below the pedicles, on their own side.
        for (const [id, sign] of [['S-root-left', 1], ['S-root-right', -1]] as const) {
          const root = structures.find((s) => s.id === id)!;
          if (root.shape.kind !== 'tube') throw new Error('roots are tubes');
          for (const p of root.shape.pointsLps) expect(Math.sign(p[0] - L.T10CanalCentre![0])).toBe(sign);
          expect(centroidOf(volume, masks.get(id)!)[2]).toBeLessThan(L.T10PedicleLeft![2] - 5);
        }
      });

      it('goes through the left pedicle into the anterior body with an 11 G needle, no medial breach, clear of the canal', () => {
        const { trajectories, truth } = get();
        const [t] = trajectories;
        const L = truth.landmarks;
        expect(deviceById(catalogue, t!.deviceId)!.gauge).toBe(11);
        expect(t!.accessRoute).toEqual({ approach: 'transpedicular', side: 'left' });
        // The line passes within 2 mm of the pedicle centre, and the tip is in front of it in the body.
        expect(pointToSegment(L.T10PedicleLeft!, t!.entry, t!.target)).toBeLessThan(2);
        expect(t!.target[1]).toBeLessThan(L.T10BodyCentre![1] + 1);
        expect(t!.entry[1]).toBeGreaterThan(L.T10PedicleLeft![1] + 50);
        const m = t!.metrics!;
        expect(m.transpedicular).not.toBeNull();
        expect(m.transpedicular!.breach).toBe(false);
        expect(m.transpedicular!.medialWallClearanceMm!).toBeGreaterThan(0);
        const canal = m.structures.find((s) => s.structureId === 'S-canal')!;
        expect(canal.distanceMm).toBeGreaterThan(0);
        expect(canal.lengthInsideMm).toBe(0);
        console.log(`[demo plans] case 3: depth ${m.depthMm} mm, medial wall clearance ${m.transpedicular!.medialWallClearanceMm} mm, canal ${canal.distanceMm} mm`);
      });
    },
  },
];

for (const { key, run } of cases) {
  const dir = path.join(GENERATED, key);
  const present = existsSync(path.join(dir, 'truth.json')) && existsSync(path.join(dir, 'IM0001.dcm'));
  if (!present) console.log(`[demo plans] ${key}: skipped, ${dir} has no generated study (run npm run sample-dicom)`);
  describe.skipIf(!present)(`demo plan of ${key}`, () => {
    let loaded: Loaded | undefined;
    beforeAll(async () => {
      loaded = await load(key);
    });
    run(() => loaded!);
  });
}

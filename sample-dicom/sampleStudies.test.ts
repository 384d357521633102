import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_DIR, ensureSampleStudies, isStudyComplete } from './ensureSampleStudies';
import { STUDY_KEYS, type StudyKey } from './studyKeys';
import { block, huAt, mean, readSeries, std, voxelOf, type Series } from './testSupport/readSeries';
import type { StudyTruth } from './truth';

// Expected values worked out by hand from the study definitions (grid origin, spacing,
// slice count and the body-to-LPS offsets), not taken from the generator's helpers.
const EXPECTED: Record<StudyKey, {
  name: string; id: string; sex: string; age: string; birth: string; bodyPart: string;
  columns: number; spacing: number; sliceSpacing: number; slices: number;
  x0: number; y0: number; firstZ?: number; noiseSigma: number;
}> = {
  'case1-pelvis-ct': { name: 'PERCUPLAN^CASE1', id: 'PP-0001', sex: 'M', age: '062Y', birth: '19610720', bodyPart: 'PELVIS', columns: 512, spacing: 0.78125, sliceSpacing: 2, slices: 150, x0: -199.609375, y0: -199.609375, firstZ: 196 - 400, noiseSigma: 12 },
  'case2-pelvis-ct': { name: 'PERCUPLAN^CASE2', id: 'PP-0002', sex: 'F', age: '047Y', birth: '19761102', bodyPart: 'PELVIS', columns: 512, spacing: 0.78125, sliceSpacing: 2, slices: 150, x0: -199.609375, y0: -199.609375, firstZ: 190 - 380, noiseSigma: 12 },
  // The CBCTs' grids are centred on (-32, -43, -352) and (-12, 41, -147) in their own LPS (studies/case2Cbct.ts, case3Cbct.ts).
  'case2-cbct': { name: 'PERCUPLAN^CASE2', id: 'PP-0002', sex: 'F', age: '047Y', birth: '19761102', bodyPart: 'PELVIS', columns: 340, spacing: 0.75, sliceSpacing: 0.75, slices: 220, x0: -32 - 169.5 * 0.75, y0: -43 - 169.5 * 0.75, firstZ: -352 + 109.5 * 0.75, noiseSigma: 42 },
  'case3-spine-ct': { name: 'PERCUPLAN^CASE3', id: 'PP-0003', sex: 'M', age: '081Y', birth: '19430115', bodyPart: 'TSPINE', columns: 512, spacing: 0.78125, sliceSpacing: 2, slices: 145, x0: -199.609375, y0: -199.609375, noiseSigma: 12 },
  'case3-cbct': { name: 'PERCUPLAN^CASE3', id: 'PP-0003', sex: 'M', age: '081Y', birth: '19430115', bodyPart: 'TSPINE', columns: 320, spacing: 0.75, sliceSpacing: 0.75, slices: 160, x0: -12 - 159.5 * 0.75, y0: 41 - 159.5 * 0.75, firstZ: -147 + 79.5 * 0.75, noiseSigma: 40 },
};

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const UID = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/;

const truthOf = (key: StudyKey): StudyTruth => JSON.parse(readFileSync(path.join(DEFAULT_SAMPLE_DIR, key, 'truth.json'), 'utf8')) as StudyTruth;

beforeAll(async () => {
  await ensureSampleStudies();
});

describe('sample study folders', () => {
  it('are complete, one IM file per slice and a truth.json each', () => {
    for (const key of STUDY_KEYS) expect(isStudyComplete(path.join(DEFAULT_SAMPLE_DIR, key), key), key).toBe(true);
  });

  it('put each cone-beam CT in a later, separate study of the same patient', () => {
    for (const [ctKey, cbctKey] of [['case2-pelvis-ct', 'case2-cbct'], ['case3-spine-ct', 'case3-cbct']] as const) {
      const ct = truthOf(ctKey);
      const cbct = truthOf(cbctKey);
      expect(cbct.patientID).toBe(ct.patientID);
      expect(cbct.studyInstanceUID).not.toBe(ct.studyInstanceUID);
      expect(cbct.frameOfReferenceUID).not.toBe(ct.frameOfReferenceUID);
      expect(cbct.seriesDescription.toLowerCase()).toContain('cone-beam');
      expect(ct.studyDescription.toLowerCase()).not.toContain('cone');
      expect(cbct.pose?.planningStudyKey).toBe(ctKey);
    }
  });
});

for (const key of STUDY_KEYS) {
  describe(key, () => {
    const x = EXPECTED[key];
    // The cone-beam CTs lie in their own pose: postProcedureStudies.test.ts checks their anatomy through it.
    const cbct = key === 'case2-cbct' || key === 'case3-cbct';
    let s: Series;
    let truth: StudyTruth;
    beforeAll(() => {
      s = readSeries(path.join(DEFAULT_SAMPLE_DIR, key));
      truth = truthOf(key);
    });
    afterAll(() => {
      s = undefined as unknown as Series;
    });

    it('has CT image headers with the case patient, one study, series and frame of reference', () => {
      const h = s.headers;
      expect(h).toHaveLength(x.slices);
      for (const im of h) {
        expect(im.sopClassUID).toBe(CT_IMAGE_STORAGE);
        expect(im.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');
        expect(im.modality).toBe('CT');
        expect(im.patientName).toBe(x.name);
        expect(im.patientID).toBe(x.id);
        expect(im.patientSex).toBe(x.sex);
        expect(im.patientAge).toBe(x.age);
        expect(im.patientBirthDate).toBe(x.birth);
        expect(im.bodyPartExamined).toBe(x.bodyPart);
        expect(im.patientPosition).toBe('HFS');
        expect(im.imageType).toBe('ORIGINAL\\PRIMARY\\AXIAL');
        expect(im.manufacturer).toBe('PercuPlan synthetic');
        expect(im.rescaleType).toBe('HU');
        expect(im.bitsAllocated).toBe(16);
      }
      for (const [field, want] of [['studyInstanceUID', truth.studyInstanceUID], ['seriesInstanceUID', truth.seriesInstanceUID], ['frameOfReferenceUID', truth.frameOfReferenceUID]] as const) {
        expect(new Set(h.map((im) => im[field])), field).toEqual(new Set([want]));
      }
      expect(new Set(h.map((im) => im.sopInstanceUID)).size).toBe(h.length);
      const uids = [...h.map((im) => im.sopInstanceUID!), truth.studyInstanceUID, truth.seriesInstanceUID, truth.frameOfReferenceUID];
      for (const uid of uids) {
        expect(uid.length, uid).toBeLessThanOrEqual(64);
        expect(uid, uid).toMatch(UID);
      }
      expect(truth.patientSex).toBe(x.sex);
      expect(truth.patientAge).toBe(x.age);
      expect(h.map((im) => im.instanceNumber)).toEqual(h.map((_, i) => i + 1));
    });

    it('has axial geometry: spacing, positions every slice spacing, first and last as in truth', () => {
      const h = s.headers;
      expect([s.columns, s.rows]).toEqual([x.columns, x.columns]);
      for (const im of h) {
        expect(im.orientation).toEqual([1, 0, 0, 0, 1, 0]);
        expect(im.pixelSpacing).toEqual([x.spacing, x.spacing]);
        expect(im.sliceThickness).toBe(x.sliceSpacing);
        expect(im.position[0]).toBeCloseTo(x.x0, 6);
        expect(im.position[1]).toBeCloseTo(x.y0, 6);
        expect(im.sliceLocation).toBeCloseTo(im.position[2], 6);
      }
      for (let k = 1; k < h.length; k++) expect(h[k - 1]!.position[2] - h[k]!.position[2]).toBeCloseTo(x.sliceSpacing, 6);
      if (x.firstZ !== undefined) expect(h[0]!.position[2]).toBeCloseTo(x.firstZ, 6);
      const g = truth.geometry;
      expect(g.firstPosition).toEqual(h[0]!.position);
      expect(g.lastPosition).toEqual(h[h.length - 1]!.position);
      expect([g.rows, g.columns, g.sliceCount, g.sliceSpacing, g.sliceThickness]).toEqual([x.columns, x.columns, x.slices, x.sliceSpacing, x.sliceSpacing]);
      expect(g.pixelSpacing).toEqual([x.spacing, x.spacing]);
      expect(g.orientation).toEqual([1, 0, 0, 0, 1, 0]);
    });

    it('shows each lesion at its centre, darker than the same bone elsewhere', () => {
      expect(truth.lesions.length).toBeGreaterThan(0);
      for (const l of truth.lesions) {
        const c = voxelOf(s, l.centerLps);
        const values = block(s, c);
        const m = mean(values);
        const centre = huAt(s, c[0], c[1], c[2]);
        if (l.type === 'cemented') {
          expect(Math.min(...values), `${l.id} cement`).toBeGreaterThanOrEqual(2500);
          continue;
        }
        expect(Math.abs(m - l.meanHu), `${l.id} mean ${m}`).toBeLessThan(30);
        expect(Math.abs(centre - l.meanHu), `${l.id} centre voxel ${centre}`).toBeLessThanOrEqual(3 * x.noiseSigma);
        const bone = mean(block(s, voxelOf(s, comparisonBonePoint(key, truth, l.centerLps))));
        expect(bone - m, `${l.id}: bone ${bone} vs lesion ${m}`).toBeGreaterThan(90);
        const b = l.boundingBoxLps;
        for (let a = 0; a < 3; a++) {
          expect(l.centerLps[a]).toBeGreaterThan(b.min[a]!);
          expect(l.centerLps[a]).toBeLessThan(b.max[a]!);
        }
        expect(l.volumeMl).toBeGreaterThan(0.5);
      }
    });

    it.skipIf(cbct)('has its landmarks where the anatomy is', () => {
      const lm = truth.landmarks;
      const sliceZs = new Set(s.headers.map((h) => h.position[2]));
      const hu = (name: string, r = 1, rz = 1) => mean(block(s, voxelOf(s, lm[name]!), r, rz));
      if (key === 'case3-spine-ct') {
        const [l, r] = [lm.T10PedicleLeft!, lm.T10PedicleRight!];
        expect(l[2]).toBe(r[2]);
        expect(sliceZs.has(l[2])).toBe(true);
        expect(l[0]).toBeGreaterThan(r[0]);
        expect(Math.hypot(l[0] - r[0], l[1] - r[1])).toBeGreaterThan(18);
        expect(Math.hypot(l[0] - r[0], l[1] - r[1])).toBeLessThan(32);
        expect(hu('T10PedicleLeft', 1, 0)).toBeGreaterThan(100);
        expect(hu('T10PedicleRight', 1, 0)).toBeGreaterThan(100);
        expect(hu('T10CanalCentre')).toBeLessThan(60);
        const aorta = hu('aortaT10', 2, 0);
        expect(aorta).toBeGreaterThan(15);
        expect(aorta).toBeLessThan(75);
        expect(lm.aortaT10![0]).toBeGreaterThan(lm.T10BodyCentre![0]!);
        const levels = ['T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3'];
        for (const v of levels) expect(lm[`${v}BodyCentre`], v).toBeDefined();
        for (let i = 1; i < levels.length; i++) expect(lm[`${levels[i]}BodyCentre`]![2]).toBeLessThan(lm[`${levels[i - 1]}BodyCentre`]![2]);
        for (const v of levels.filter((n) => n !== 'T10')) expect(hu(`${v}BodyCentre`), v).toBeGreaterThan(100);
        expect(hu('T10BodyCentre')).toBeLessThan(90);
      } else {
        const [r, l] = [lm.acetabularRoofRight!, lm.acetabularRoofLeft!];
        expect(r[2]).toBe(l[2]);
        expect(sliceZs.has(r[2])).toBe(true);
        expect(l[0]).toBeGreaterThan(r[0]);
        expect(Math.hypot(l[0] - r[0], l[1] - r[1])).toBeGreaterThan(140);
        expect(Math.hypot(l[0] - r[0], l[1] - r[1])).toBeLessThan(200);
        expect(r[2]).toBeGreaterThan(lm.femoralHeadCentreRight![2]);
        expect(hu('acetabularRoofLeft')).toBeGreaterThan(150);
        expect(hu('acetabularRoofRight')).toBeGreaterThan(0);
        expect(hu('femoralHeadCentreLeft')).toBeGreaterThan(150);
        expect(hu('femoralHeadCentreRight')).toBeGreaterThan(150);
        // The symphysis is fibrocartilage between two pubic bodies about 12 mm either side.
        const sym = lm.pubicSymphysis!;
        expect(Math.abs(hu('pubicSymphysis'))).toBeLessThan(400);
        for (const dx of [-12, 12]) expect(mean(block(s, voxelOf(s, [sym[0] + dx, sym[1], sym[2]])))).toBeGreaterThan(150);
        const prom = voxelOf(s, lm.sacralPromontory!);
        expect(Math.max(...block(s, prom, 3, 1))).toBeGreaterThan(300);
        expect(lm.sacralPromontory![2]).toBeGreaterThan(r[2]);
      }
    });

    it.skipIf(cbct)('has dense cortical bone', () => {
      if (key === 'case3-spine-ct') {
        // Anterior cortex of T9: along y from the body centre forwards.
        const c = truth.landmarks.T9BodyCentre!;
        const line = Array.from({ length: 40 }, (_, t) => huAt(s, ...voxelOf(s, [c[0], c[1] - t * 0.5, c[2]])));
        expect(Math.max(...line)).toBeGreaterThan(600);
        expect(Math.max(...line)).toBeLessThan(1700);
        return;
      }
      // Left femoral shaft 9 cm below the head centre: cortex about 1500 HU around fatty marrow.
      const h = truth.landmarks.femoralHeadCentreLeft!;
      const z = h[2] - 90;
      if (z < truth.geometry.lastPosition[2]) return;
      const line = Array.from({ length: 120 }, (_, t) => huAt(s, ...voxelOf(s, [h[0] + t * 0.5, h[1] + 6, z])));
      expect(Math.max(...line)).toBeGreaterThan(1000);
      expect(Math.max(...line)).toBeLessThan(1900);
      expect(Math.min(...line)).toBeLessThan(150);
    });

    it.skipIf(cbct)(`has noise of about ${x.noiseSigma} HU in a homogeneous organ`, () => {
      const lm = truth.landmarks;
      // Bladder (urine) above and behind the symphysis; liver below the right hemidiaphragm.
      const p = key === 'case3-spine-ct'
        ? [lm.T11BodyCentre![0] - 80, lm.T11BodyCentre![1] - 60, lm.T11BodyCentre![2]]
        : [lm.pubicSymphysis![0], lm.pubicSymphysis![1] + 30, lm.pubicSymphysis![2] + 22];
      const v = block(s, voxelOf(s, p), 6, 1);
      const sd = std(v);
      expect(sd).toBeGreaterThan(x.noiseSigma * 0.6);
      expect(sd).toBeLessThan(x.noiseSigma * 1.5);
      expect(Math.abs(mean(v) - (key === 'case3-spine-ct' ? 58 : 6))).toBeLessThan(20);
    });

    if (key === 'case3-spine-ct') {
      it('has a vertebra plana at T10: its body much lower than T9 on a sagittal line', () => {
        const height = (level: string) => {
          const c = truth.landmarks[`${level}BodyCentre`]!;
          // The anterior third of the body, clear of the lesion in the centre of T10.
          const [i, j, k0] = voxelOf(s, [c[0], c[1] - 11, c[2]]);
          const bone = (k: number) => mean(block(s, [i, j, k], 1, 0)) >= 110;
          let n = bone(k0) ? 1 : 0;
          for (let k = k0 - 1; k >= 0 && bone(k); k--) n++;
          for (let k = k0 + 1; k < s.slices && bone(k); k++) n++;
          return n * EXPECTED[key].sliceSpacing;
        };
        const t9 = height('T9');
        const t10 = height('T10');
        const t11 = height('T11');
        expect(t9).toBeGreaterThanOrEqual(16);
        expect(t11).toBeGreaterThanOrEqual(16);
        expect(t10).toBeLessThan(0.5 * t9);
      });
    }

    if (cbct) {
      it('is padding outside the cylindrical field of view and isotropic', () => {
        const fov = truth.fieldOfView!;
        expect(fov.radiusMm).toBeGreaterThan(110);
        expect(fov.radiusMm).toBeLessThan(140);
        const h0 = s.headers[0]!;
        expect(h0.paddingValue).toBeDefined();
        expect(h0.paddingValue! * h0.rescaleSlope + h0.rescaleIntercept).toBe(fov.paddingHu);
        expect(h0.pixelSpacing[0]).toBe(h0.sliceThickness);
        expect(h0.pixelSpacing[0]).toBeLessThanOrEqual(0.8);
        let outside = 0;
        for (let k = 0; k < s.slices; k += 7) {
          for (let j = 0; j < s.rows; j++) {
            for (let i = 0; i < s.columns; i++) {
              const dx = h0.position[0] + i * h0.pixelSpacing[1] - fov.center[0];
              const dy = h0.position[1] + j * h0.pixelSpacing[0] - fov.center[1];
              if (Math.hypot(dx, dy) <= fov.radiusMm + 0.01) continue;
              outside++;
              const at = (k * s.rows + j) * s.columns + i;
              if (s.stored[at] !== h0.paddingValue) expect.fail(`voxel ${i},${j},${k} outside the FOV holds ${s.stored[at]}`);
            }
          }
        }
        expect(outside).toBeGreaterThan(1000);
      });
    }
  });
}

/**
 * A point of the same bone clear of the lesion: the mirror image across the mid-sagittal
 * plane for the pelvis (the left side is healthy), the centre of T9 for the spine.
 */
function comparisonBonePoint(key: StudyKey, truth: StudyTruth, p: readonly number[]): number[] {
  if (key === 'case3-spine-ct') return [...truth.landmarks.T9BodyCentre!];
  const midX = (truth.landmarks.femoralHeadCentreLeft![0] + truth.landmarks.femoralHeadCentreRight![0]) / 2;
  return [2 * midX - p[0]!, p[1]!, p[2]!];
}

import type { Vec3 } from '../../src/shared/vec3';
import { lesionInBone, lobulatedBlob } from '../anatomy/lesion';
import { PELVIC_CORTEX_MM, type PelvisGeometry } from '../anatomy/pelvisBones';
import { HU } from '../anatomy/tissue';
import { inset, mirrorX } from '../phantom/combine';
import { ellipsoid } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import type { PelvisPatient } from './pelvisScene';
import type { LesionDef, PatientInfo } from './studyDefinition';

/** Woman, 47: a female pelvis (wider, shallower), more subcutaneous fat on the hips. */
export const CASE2_PATIENT: PelvisPatient = {
  sex: 'F',
  proportions: { hipHalfWidth: 84, headRadius: 21.5, scale: 0.94, flare: 8, density: { cortexHu: 1300, cancellousHu: 230 } },
  body: {
    outline: [
      { z: -84, cx: 0, cy: 4, rx: 104, ant: 64, post: 104 },
      { z: -50, cx: 0, cy: -4, rx: 172, ant: 100, post: 126 },
      { z: 0, cx: 0, cy: -8, rx: 186, ant: 106, post: 130 },
      { z: 60, cx: 0, cy: -10, rx: 180, ant: 112, post: 128 },
      { z: 120, cx: 0, cy: -12, rx: 168, ant: 116, post: 126 },
      { z: 200, cx: 0, cy: -14, rx: 152, ant: 112, post: 122 },
      { z: 260, cx: 0, cy: -14, rx: 150, ant: 112, post: 122 },
    ],
    limbs: [-1, 1].map((side) => [
      { z: -160, cx: side * 98, cy: -6, rx: 80, ant: 82, post: 86 },
      { z: -70, cx: side * 96, cy: -6, rx: 88, ant: 88, post: 94 },
      { z: -20, cx: side * 94, cy: -6, rx: 84, ant: 82, post: 94 },
    ]),
    fat: { lat: 34, ant: 30, post: 36 },
    muscle: { lat: 12, ant: 10, post: 26 },
    tableY: 116,
  },
};

export const CASE2_PATIENT_INFO: PatientInfo = {
  name: 'PERCUPLAN^CASE2',
  id: 'PP-0002',
  sex: 'F',
  birthDate: '19761102',
  age: '047Y',
  sizeM: 1.65,
  weightKg: 68,
};

/** The two lytic lesions of case 2 as shapes (body frame) with their definitions. */
export interface Case2Lesions {
  acetabular: Shape;
  ramus: Shape;
  defs: [LesionDef, LesionDef];
}

/**
 * Lytic lesions of the right superior acetabulum (subchondral plate kept) and of the right
 * superior pubic ramus (with a break of its superior cortex: the pathological fracture).
 */
export function case2Lesions(g: PelvisGeometry, headRadius: number): Case2Lesions {
  const H = g.headCentreLeft;
  const rightInterior = inset(mirrorX(g.hipBoneLeft), PELVIC_CORTEX_MM);
  const acetabularCentre: Vec3 = [-(H[0] + 2), H[1] + 2, H[2] + headRadius + 12];
  const acetabularAxes: Vec3 = [14, 16, 11];
  const ramusCentre: Vec3 = [-46.6, -48, -8];
  const ramusAxes: Vec3 = [12, 9, 8];
  const acetabular = lesionInBone(lobulatedBlob(acetabularCentre, acetabularAxes, [{ at: [-6, 8, 4], r: [8, 8, 7] }]), rightInterior);
  const ramus = lesionInBone(lobulatedBlob(ramusCentre, ramusAxes), rightInterior, ellipsoid([ramusCentre[0], ramusCentre[1] + 1, ramusCentre[2] + 9.5], [5, 5, 4]));
  return {
    acetabular,
    ramus,
    defs: [
      { id: 'L1', label: 'Right superior acetabular lytic lesion', site: 'acetabulum', type: 'lytic', labelValue: 1, centre: acetabularCentre, semiAxesMm: acetabularAxes, meanHu: HU.lesion, corticalBreak: false },
      { id: 'L2', label: 'Right superior pubic ramus lytic lesion with pathological fracture', site: 'superior pubic ramus', type: 'lytic', labelValue: 2, centre: ramusCentre, semiAxesMm: ramusAxes, meanHu: HU.lesion, corticalBreak: true },
    ],
  };
}

import type { Vec3 } from '../../src/shared/vec3';
import { lesionInBone, lobulatedBlob } from '../anatomy/lesion';
import { PELVIC_CORTEX_MM } from '../anatomy/pelvisBones';
import { HU, tissue } from '../anatomy/tissue';
import { inset, mirrorX } from '../phantom/combine';
import type { VoxelGrid } from '../phantom/grid';
import { ellipsoid } from '../phantom/primitives';
import { pelvisScene, type PelvisPatient } from './pelvisScene';
import type { Scene, StudyDefinition } from './studyDefinition';
import { DIAGNOSTIC_CT_IMAGE_QUALITY, DIAGNOSTIC_CT_RECONSTRUCTION } from './diagnosticCt';

const GRID: VoxelGrid = {
  columns: 512,
  rows: 512,
  slices: 150,
  colSpacing: 0.78125,
  rowSpacing: 0.78125,
  sliceSpacing: 2,
  x0: -199.609375,
  y0: -199.609375,
  top: 196,
};

/** Man, 62: an average adult male pelvis. */
export const CASE1_PATIENT: PelvisPatient = {
  sex: 'M',
  proportions: { hipHalfWidth: 88, headRadius: 24.5, scale: 1, flare: 0, density: { cortexHu: 1350, cancellousHu: 220 } },
  body: {
    outline: [
      { z: -84, cx: 0, cy: 6, rx: 100, ant: 66, post: 104 },
      { z: -50, cx: 0, cy: -4, rx: 166, ant: 100, post: 124 },
      { z: 0, cx: 0, cy: -8, rx: 180, ant: 106, post: 128 },
      { z: 60, cx: 0, cy: -10, rx: 176, ant: 112, post: 128 },
      { z: 120, cx: 0, cy: -12, rx: 170, ant: 118, post: 128 },
      { z: 200, cx: 0, cy: -14, rx: 162, ant: 120, post: 126 },
      { z: 260, cx: 0, cy: -14, rx: 160, ant: 120, post: 126 },
    ],
    limbs: [-1, 1].map((side) => [
      { z: -160, cx: side * 98, cy: -6, rx: 78, ant: 80, post: 84 },
      { z: -70, cx: side * 95, cy: -6, rx: 84, ant: 86, post: 92 },
      { z: -20, cx: side * 92, cy: -6, rx: 80, ant: 80, post: 92 },
    ]),
    fat: { lat: 20, ant: 24, post: 22 },
    muscle: { lat: 14, ant: 12, post: 30 },
    tableY: 116,
  },
};

function scene(): Scene {
  const base = pelvisScene(CASE1_PATIENT, GRID);
  const g = base.geometry;
  // Large osteolytic lesion of the right ilium (supra-acetabular body into the wing),
  // reaching the acetabular roof, with a break through the lateral (gluteal) cortex.
  const centre: Vec3 = [-95, 5, 58];
  const semi: Vec3 = [22, 28, 34];
  const blob = lobulatedBlob(centre, semi, [
    { at: [3, -7, -22], r: [14, 16, 12] },
    { at: [-17, -5, 27], r: [12, 20, 20] },
  ]);
  const rightHipInterior = inset(mirrorX(g.hipBoneLeft), PELVIC_CORTEX_MM);
  const fracture = ellipsoid([-114, 4, 56], [10, 10, 12]);
  const lesion = lesionInBone(blob, rightHipInterior, fracture);
  return {
    ops: [...base.ops, { name: 'right iliac lytic lesion', shape: lesion, material: tissue.lesion, label: 1 }],
    lesions: [
      {
        id: 'L1',
        label: 'Right iliac lytic lesion with pathological fracture',
        site: 'iliac bone',
        type: 'lytic',
        labelValue: 1,
        centre,
        semiAxesMm: semi,
        meanHu: HU.lesion,
        corticalBreak: true,
      },
    ],
    landmarks: base.landmarks,
  };
}

export const case1PelvisCt: StudyDefinition = {
  key: 'case1-pelvis-ct',
  uidIndex: 1,
  seed: 0xc01,
  patient: { name: 'PERCUPLAN^CASE1', id: 'PP-0001', sex: 'M', birthDate: '19610720', age: '062Y', sizeM: 1.78, weightKg: 76 },
  acquisition: {
    studyDate: '20240312',
    studyTime: '091405',
    accessionNumber: 'PPA0001',
    studyId: '1001',
    studyDescription: 'CT pelvis',
    seriesDescription: 'Pelvis 2.0 mm axial',
    seriesNumber: 2,
    protocolName: 'Pelvis bone',
    bodyPart: 'PELVIS',
    modelName: 'Synthetic CT',
    kvp: 120,
    tubeCurrentMa: 250,
    ...DIAGNOSTIC_CT_RECONSTRUCTION,
  },
  grid: GRID,
  bodyToLps: [0, 0, -400],
  ...DIAGNOSTIC_CT_IMAGE_QUALITY,
  scene,
};

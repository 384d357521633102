import type { Vec3 } from '../../src/shared/vec3';
import { skinExit } from '../anatomy/bodyWall';
import { HU, tissue } from '../anatomy/tissue';
import { mirrorX, union } from '../phantom/combine';
import type { VoxelGrid } from '../phantom/grid';
import { mapPoint } from '../phantom/transform';
import { ON_PLAN, placeNeedle } from '../postop/needle';
import { makePose, type PoseSpec } from '../postop/pose';
import { postProcedureScene } from '../postop/posedStudy';
import { case2Cement } from './case2CbctCement';
import { CASE2_PATIENT, CASE2_PATIENT_INFO, case2Lesions } from './case2Patient';
import { case2PelvisCt } from './case2PelvisCt';
import { pelvisScene } from './pelvisScene';
import type { Scene, StudyDefinition } from './studyDefinition';

/**
 * Where the patient lay on the C-arm relative to the planning CT: planning LPS p ↦ R·(p − c) + c + t,
 * R = Rz(9°)·Ry(−4°)·Rx(6°), c in the right hemipelvis, t = (12, −15, 10) mm.
 */
const POSE: PoseSpec = { rotationDeg: [6, -4, 9], translationMm: [12, -15, 10], centreLps: [-60, -20, -370] };
/** The CBCT's body frame is its LPS. */
const BODY_TO_LPS: Vec3 = [0, 0, 0];
const pose = makePose(POSE, case2PelvisCt.bodyToLps, BODY_TO_LPS);

/** The volume's centre: a point of the planning body frame between the right acetabulum and the symphysis, moved by the pose. */
const CENTRE = mapPoint(pose.bodyMap, [-45, -30, 18]).map(Math.round) as unknown as Vec3;
/** Cone-beam FOV: a cylinder of 125 mm radius about the volume's axial centre. */
const FOV_RADIUS = 125;
const VOXEL = 0.75;
const MATRIX = 340;
const SLICES = 220;

const GRID: VoxelGrid = {
  columns: MATRIX,
  rows: MATRIX,
  slices: SLICES,
  colSpacing: VOXEL,
  rowSpacing: VOXEL,
  sliceSpacing: VOXEL,
  x0: CENTRE[0] - ((MATRIX - 1) * VOXEL) / 2,
  y0: CENTRE[1] - ((MATRIX - 1) * VOXEL) / 2,
  top: CENTRE[2] + ((SLICES - 1) * VOXEL) / 2,
};

/**
 * The planning CT's anatomy (built on the CT's grid, so landmarks snapped to its slices are the
 * same points) with both needles left in place and the cement, moved into the CBCT's pose.
 * Needles: `cement-acetabular` 3.0 mm and 4.0° off the plan, `cement-ramus` on plan.
 */
function scene(): Scene {
  const base = pelvisScene(CASE2_PATIENT, case2PelvisCt.grid);
  const l = case2Lesions(base.geometry, CASE2_PATIENT.proportions.headRadius);
  const [acetabular, ramus] = l.defs;
  const skin = (from: Vec3, dir: Vec3) => skinExit(CASE2_PATIENT.body, from, dir);
  const needles = [
    placeNeedle(
      { trajectoryId: 'cement-acetabular', name: 'Bone access needle 10 G, right superior acetabulum', diameterMm: 3.4, target: acetabular.centre, outward: [-0.3, -0.9, 0.3] },
      { tipMm: 3, tipToward: [1, 0.4, -0.5], angleDeg: 4, tiltToward: [0, 0, 1] },
      skin,
      10,
    ),
    placeNeedle(
      { trajectoryId: 'cement-ramus', name: 'Bone access needle 11 G, right superior pubic ramus', diameterMm: 3.05, target: ramus.centre, outward: [0.25, -0.7, 0.65] },
      ON_PLAN,
      skin,
      10,
    ),
  ] as const;
  const bone = union(mirrorX(base.geometry.hipBoneLeft), mirrorX(base.geometry.femurLeft));
  const cement = case2Cement(l, { acetabular: needles[0].tip, ramus: needles[1].tip }, bone);
  return postProcedureScene({
    planning: {
      ops: [
        ...base.ops,
        { name: 'right acetabular lytic lesion', shape: l.acetabular, material: tissue.lesion, label: 1 },
        { name: 'right pubic ramus lytic lesion', shape: l.ramus, material: tissue.lesion, label: 2 },
      ],
      lesions: [
        { ...acetabular, label: 'Right superior acetabular lesion, cemented', type: 'cemented', meanHu: HU.cement, shape: l.acetabular },
        { ...ramus, label: 'Right superior pubic ramus lesion with pathological fracture, cemented', type: 'cemented', meanHu: HU.cement, shape: l.ramus },
      ],
      landmarks: base.landmarks,
    },
    planningStudy: case2PelvisCt,
    thisBodyToLps: BODY_TO_LPS,
    pose,
    needles,
    cement,
  });
}

export const case2Cbct: StudyDefinition = {
  key: 'case2-cbct',
  uidIndex: 3,
  seed: 0xcb2,
  patient: CASE2_PATIENT_INFO,
  acquisition: {
    studyDate: '20240521',
    studyTime: '153012',
    accessionNumber: 'PPA0004',
    studyId: '2002',
    studyDescription: 'Cone-beam CT pelvis post cementoplasty',
    seriesDescription: 'Cone-beam CT 0.75 mm isotropic',
    seriesNumber: 3,
    protocolName: 'Cone-beam CT pelvis',
    bodyPart: 'PELVIS',
    modelName: 'Synthetic C-arm CBCT',
    kvp: 100,
    tubeCurrentMa: 120,
    exposureTimeMs: 8000,
    kernel: 'CBCT STANDARD',
    scanOptions: 'CONE BEAM',
    windows: [
      { centre: 500, width: 2000, explanation: 'BONE' },
      { centre: 1500, width: 4500, explanation: 'CEMENT' },
    ],
  },
  grid: GRID,
  bodyToLps: BODY_TO_LPS,
  noiseSigmaHu: 42,
  blur: { xy: 0.22, z: 0.22 },
  fieldOfView: { centre: [CENTRE[0], CENTRE[1]], radiusMm: FOV_RADIUS, paddingHu: -1000 },
  scene,
};

import type { Vec3 } from '../../src/shared/vec3';
import { skinExit } from '../anatomy/bodyWall';
import { HU } from '../anatomy/tissue';
import { vertebraPoints, vertebraShape } from '../anatomy/vertebra';
import { union } from '../phantom/combine';
import type { VoxelGrid } from '../phantom/grid';
import { mapPoint } from '../phantom/transform';
import { placeNeedle } from '../postop/needle';
import { makePose, type PoseSpec } from '../postop/pose';
import { postProcedureScene } from '../postop/posedStudy';
import { case3Cement } from './case3CbctCement';
import { case3Anatomy, CASE3_BODY, case3SpineCt } from './case3SpineCt';
import type { Scene, StudyDefinition } from './studyDefinition';

/** The C-arm pose relative to the planning CT: R = Rz(−12°)·Ry(5°)·Rx(−7°) about the T10 body, t = (−16, 12, −9) mm. */
const POSE: PoseSpec = { rotationDeg: [-7, 5, -12], translationMm: [-16, 12, -9], centreLps: [0, 10, -135] };
const BODY_TO_LPS: Vec3 = [0, 0, 0];
const pose = makePose(POSE, case3SpineCt.bodyToLps, BODY_TO_LPS);

/** Volume centre: 20 mm behind the T10 body centre (planning body frame), moved by the pose, so the needle's hub is inside. */
const CENTRE = mapPoint(pose.bodyMap, [0, 30, 164.78]).map(Math.round) as unknown as Vec3;
const VOXEL = 0.75;
const MATRIX = 320;
const SLICES = 160;
const FOV_RADIUS = 118;

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

/** The angle of the planned track from the sagittal plane, as the demo plan (src/server/demo/case3Plan.ts) places it. */
const TRACK_FROM_SAGITTAL_DEG = 12;

/**
 * Case 3's anatomy after the vertebroplasty, in the CBCT's pose: the T10 needle (trajectory T1
 * of the demo plan) 2.0 mm and 2.5° off the plan, cement in T10 with a disc leak and a segmental
 * venous leak. The C-arm table is not in the image.
 */
function scene(): Scene {
  const a = case3Anatomy();
  const T10 = a.level('T10');
  const ped = vertebraPoints(T10).pedicleLeft;
  const body = T10.centre;
  // The plan's target and direction: on the line through the left pedicle's centre at 12° from sagittal, at the body centre's depth.
  const target: Vec3 = [ped[0] - (ped[1] - body[1]) * Math.tan((TRACK_FROM_SAGITTAL_DEG * Math.PI) / 180), body[1], body[2]];
  const needle = placeNeedle(
    { trajectoryId: 'T1', name: 'T10 left transpedicular bone access needle 11 G', diameterMm: 3.05, target, outward: [ped[0] - target[0], ped[1] - target[1], ped[2] - target[2]] },
    { tipMm: 2, tipToward: [-0.4, -0.3, 0.6], angleDeg: 2.5, tiltToward: [0, 0, -1] },
    (from, dir) => skinExit(CASE3_BODY, from, dir),
    10,
  );
  const lesion = a.scene.lesions[0]!;
  const bone = union(...['T9', 'T10', 'T11'].map((n) => vertebraShape(a.level(n))));
  const cement = case3Cement(a.lesionShape, lesion.centre, needle.tip, bone);
  return postProcedureScene({
    planning: {
      ops: a.scene.ops.filter((op) => !op.name.startsWith('table')),
      lesions: [{ ...lesion, label: 'T10 vertebra plana with osteolysis, cemented', type: 'cemented', meanHu: HU.cement, shape: a.lesionShape }],
      landmarks: a.scene.landmarks,
    },
    planningStudy: case3SpineCt,
    thisBodyToLps: BODY_TO_LPS,
    pose,
    needles: [needle],
    cement,
  });
}

export const case3Cbct: StudyDefinition = {
  key: 'case3-cbct',
  uidIndex: 5,
  seed: 0xcb3,
  patient: case3SpineCt.patient,
  acquisition: {
    studyDate: '20240906',
    studyTime: '112745',
    accessionNumber: 'PPA0005',
    studyId: '3002',
    studyDescription: 'Cone-beam CT thoracic spine post vertebroplasty',
    seriesDescription: 'Cone-beam CT T9-T11 0.75 mm isotropic',
    seriesNumber: 3,
    protocolName: 'Cone-beam CT spine',
    bodyPart: 'TSPINE',
    modelName: 'Synthetic C-arm CBCT',
    kvp: 100,
    tubeCurrentMa: 110,
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
  noiseSigmaHu: 40,
  blur: { xy: 0.22, z: 0.22 },
  fieldOfView: { centre: [CENTRE[0], CENTRE[1]], radiusMm: FOV_RADIUS, paddingHu: -1000 },
  scene,
};

import type { Vec3 } from '../../src/shared/vec3';
import { skinExit } from '../anatomy/bodyWall';
import { HU, tissue } from '../anatomy/tissue';
import { intersect, union } from '../phantom/combine';
import type { VoxelGrid } from '../phantom/grid';
import { sphere, tube } from '../phantom/primitives';
import { CASE2_PATIENT, CASE2_PATIENT_INFO, case2Lesions } from './case2Patient';
import { pelvisScene } from './pelvisScene';
import type { NeedleTrack, Scene, StudyDefinition } from './studyDefinition';

/** Cone-beam FOV: a cylinder of 125 mm radius over both acetabula and the right-sided access (body frame). */
const FOV_CENTRE: readonly [number, number] = [-30, -15];
const FOV_RADIUS = 125;
const VOXEL = 0.75;
const MATRIX = 340;

const GRID: VoxelGrid = {
  columns: MATRIX,
  rows: MATRIX,
  slices: 220,
  colSpacing: VOXEL,
  rowSpacing: VOXEL,
  sliceSpacing: VOXEL,
  x0: FOV_CENTRE[0] - ((MATRIX - 1) * VOXEL) / 2,
  y0: FOV_CENTRE[1] - ((MATRIX - 1) * VOXEL) / 2,
  top: 100.5,
};

const point = (from: Vec3, dir: Vec3, mm: number): Vec3 => {
  const n = Math.hypot(dir[0], dir[1], dir[2]);
  return [from[0] + (dir[0] / n) * mm, from[1] + (dir[1] / n) * mm, from[2] + (dir[2] / n) * mm];
};

function scene(): Scene {
  const base = pelvisScene(CASE2_PATIENT, GRID);
  const l = case2Lesions(base.geometry, CASE2_PATIENT.proportions.headRadius);
  const [acetabular, ramus] = l.defs;
  // Anterior access to the acetabular roof lateral to the femoral vessels, and to the ramus
  // medial to them. Each track is the needle path from the skin, left filled with cement.
  const accDir: Vec3 = [-0.3, -0.9, 0.3];
  const ramDir: Vec3 = [0.25, -0.7, 0.65];
  const tracks: NeedleTrack[] = [
    { name: 'acetabular access', entry: skinExit(CASE2_PATIENT.body, acetabular.centre, accDir), target: acetabular.centre, diameterMm: 3 },
    { name: 'pubic ramus access', entry: skinExit(CASE2_PATIENT.body, ramus.centre, ramDir), target: point(ramus.centre, ramDir, 6), diameterMm: 3 },
  ];
  const trackShape = union(...tracks.map((t) => tube([t.entry, t.target], t.diameterMm / 2)));
  const tipBolus = intersect(sphere(point(ramus.centre, ramDir, 6), 3.5), l.ramus);
  return {
    ops: [
      ...base.ops,
      // Tracks first, so inside the lesions their own labels win.
      { name: 'cement in needle tracks', shape: trackShape, material: tissue.cement, label: 3 },
      { name: 'cemented acetabular lesion', shape: l.acetabular, material: tissue.cement, label: 1 },
      { name: 'right pubic ramus lytic lesion', shape: l.ramus, material: tissue.lesion, label: 2 },
      { name: 'cement at the ramus needle tip', shape: tipBolus, material: tissue.cement, label: 3 },
    ],
    lesions: [
      { ...acetabular, label: 'Right superior acetabular lesion filled with cement', type: 'cemented', meanHu: HU.cement },
      ramus,
    ],
    landmarks: base.landmarks,
    needleTracks: tracks,
  };
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
  bodyToLps: [14, -22, 120],
  noiseSigmaHu: 42,
  blur: { xy: 0.22, z: 0.22 },
  fieldOfView: { centre: FOV_CENTRE, radiusMm: FOV_RADIUS, paddingHu: -1000 },
  scene,
};

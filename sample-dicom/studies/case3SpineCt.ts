import type { Vec3 } from '../../src/shared/vec3';
import { bodyWallOps, cavityKeys, type BodyWallSpec } from '../anatomy/bodyWall';
import { lesionInBone, lobulatedBlob } from '../anatomy/lesion';
import { layoutColumn, type LevelDef } from '../anatomy/spineColumn';
import { condensationBandOp, spineOps, VERTEBRA_CORTEX_MM } from '../anatomy/spineOps';
import { chestContentOps, ribCageOps } from '../anatomy/thorax';
import { HU, tissue, type BoneDensity } from '../anatomy/tissue';
import { aortaPath, trunkVesselOps } from '../anatomy/trunkVessels';
import { paraspinalMuscleOps } from '../anatomy/trunkMuscles';
import { upperAbdomenOps } from '../anatomy/upperAbdomen';
import { vertebraPoints, vertebralBody, type VertebraSpec } from '../anatomy/vertebra';
import { inset, union } from '../phantom/combine';
import type { VoxelGrid } from '../phantom/grid';
import { Rng } from '../phantom/rng';
import { ellipsoid } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import type { Scene, StudyDefinition } from './studyDefinition';
import { DIAGNOSTIC_CT_IMAGE_QUALITY, DIAGNOSTIC_CT_RECONSTRUCTION } from './diagnosticCt';

/** The levels of the study, T6–L3 plus the partial neighbours T5 and L4 at its edges. */
export const CASE3_LEVELS: readonly LevelDef[] = [
  { name: 'T5' },
  { name: 'T6' },
  { name: 'T7' },
  { name: 'T8', collapse: { anterior: 0.6, posterior: 0.95, central: 0.8 } },
  { name: 'T9' },
  { name: 'T10', collapse: { anterior: 0.22, posterior: 0.34, central: 0.25 } },
  { name: 'T11' },
  { name: 'T12', collapse: { anterior: 0.82, posterior: 0.96, central: 0.62 } },
  { name: 'L1', collapse: { anterior: 0.55, posterior: 0.9, central: 0.72 } },
  { name: 'L2' },
  { name: 'L3' },
  { name: 'L4' },
];

/** Body-centre y along the spine: mild thoracic kyphosis, lumbar lordosis (supine). */
const spineY = (z: number): number => {
  const keys: [number, number][] = [[-40, -6], [0, -2], [60, 3], [110, 7], [170, 10], [280, 13], [330, 13]];
  if (z <= keys[0]![0]) return keys[0]![1];
  for (let i = 1; i < keys.length; i++) {
    const [z1, y1] = keys[i]!;
    const [z0, y0] = keys[i - 1]!;
    if (z <= z1) return y0 + ((y1 - y0) * (z - z0)) / (z1 - z0);
  }
  return keys[keys.length - 1]![1];
};

// L4's inferior endplate is the origin's reference: L3's lower endplate lands near z = 0.
const column = layoutColumn(CASE3_LEVELS, -38, spineY);
const level = (name: string) => {
  const v = column.find((c) => c.name === name);
  if (!v) throw new Error(`no level ${name}`);
  return v;
};
const T10 = level('T10');

/** Slices every 2 mm with one exactly through the T10 body centre (and so its pedicles). */
const SLICES = 145;
const TOP = T10.centre[2] + 2 * Math.round((level('T6').centre[2] + 20 - T10.centre[2]) / 2);

const GRID: VoxelGrid = {
  columns: 512,
  rows: 512,
  slices: SLICES,
  colSpacing: 0.78125,
  rowSpacing: 0.78125,
  sliceSpacing: 2,
  x0: -199.609375,
  y0: -199.609375,
  top: TOP,
};

const DENSITY: BoneDensity = { cortexHu: 1050, cancellousHu: 150 };

export const CASE3_BODY: BodyWallSpec = {
  outline: [
    { z: -60, cx: 0, cy: -16, rx: 158, ant: 118, post: 126 },
    { z: 100, cx: 0, cy: -18, rx: 156, ant: 122, post: 128 },
    { z: 180, cx: 0, cy: -20, rx: 164, ant: 126, post: 130 },
    { z: 340, cx: 0, cy: -20, rx: 166, ant: 124, post: 130 },
  ],
  fat: { lat: 16, ant: 20, post: 12 },
  muscle: { lat: 13, ant: 11, post: 36 },
  tableY: 100,
};

/** Case 3's anatomy and lesion on the CT's grid, with the lesion's shape and the column (body frame). */
export interface Case3Anatomy {
  scene: Scene;
  lesionShape: Shape;
  level: (name: string) => VertebraSpec;
}

/** The CT scene. */
const scene = (): Scene => case3Anatomy().scene;

/** The anatomy of case 3 (the CT's scene), also the base of its post-procedure CBCT. */
export function case3Anatomy(): Case3Anatomy {
  const rng = new Rng(0x5eed03);
  const cavity = cavityKeys(CASE3_BODY);
  const zTop = GRID.top;
  const zBottom = GRID.top - (GRID.slices - 1) * GRID.sliceSpacing;
  const hiatusZ = level('T12').centre[2];
  const renalHilumZ = level('L2').centre[2] + 10;
  const rightDomeZ = level('T10').centre[2] + 8;
  const thorax = {
    ribLevels: column.filter((v) => v.region === 'thoracic'),
    cavity,
    density: DENSITY,
    lungBottomZ: level('L1').centre[2],
    lungTopZ: zTop + 60,
    xiphisternumZ: level('T9').centre[2] + 10,
    heartCentre: [24, -62, level('T8').centre[2] - 2] as Vec3,
    spineY,
    rng,
  };

  const t10 = vertebraPoints(T10);
  const lesionCentre: Vec3 = [T10.centre[0] + 2, T10.centre[1] + 2, T10.centre[2]];
  const lesionAxes: Vec3 = [11, 8, 5.5];
  // Osteolysis of the collapsed T10 body: the tumour fills its centre and has broken
  // through both endplates into a thin zone above and below.
  const envelope = union(inset(vertebralBody(T10), VERTEBRA_CORTEX_MM), ellipsoid(lesionCentre, [9, 7, 7]));
  const lesion = lesionInBone(lobulatedBlob(lesionCentre, lesionAxes, [{ at: [-6, 3, 0], r: [6, 5, 4] }]), envelope);

  const ops = [
    ...bodyWallOps(CASE3_BODY),
    ...chestContentOps(thorax),
    ...upperAbdomenOps({ cavity, spineY, rightDomeZ, renalHilumZ }),
    ...trunkVesselOps({ spineY, zTop, zBottom, hiatusZ, renalHilumZ, plaques: rng }),
    ...paraspinalMuscleOps(spineY, zTop + 30, zBottom - 30, level('T12').centre[2] + 10),
    ...ribCageOps(thorax),
    ...spineOps(column, { density: DENSITY, conusZ: level('L1').centre[2] - 20, canalExtend: 40, osteophytes: rng }),
    condensationBandOp(level('T8'), 380),
    condensationBandOp(level('T12'), 360),
    condensationBandOp(level('L1'), 400),
    { name: 'T10 lytic lesion', shape: lesion, material: tissue.lesion, label: 1 },
  ];

  const landmarks: Record<string, Vec3> = {
    T10PedicleLeft: t10.pedicleLeft,
    T10PedicleRight: t10.pedicleRight,
    T10CanalCentre: t10.canalCentre,
    aortaT10: pointOnPath(aortaPath({ spineY, zTop, zBottom, hiatusZ, renalHilumZ }), T10.centre[2]),
  };
  for (const v of column) if (v.name !== 'T5' && v.name !== 'L4') landmarks[`${v.name}BodyCentre`] = v.centre;

  const scene: Scene = {
    ops,
    lesions: [
      {
        id: 'L1',
        label: 'T10 vertebra plana with osteolysis',
        site: 'T10 vertebral body',
        type: 'lytic',
        labelValue: 1,
        centre: lesionCentre,
        semiAxesMm: lesionAxes,
        meanHu: HU.lesion,
        corticalBreak: true,
      },
    ],
    landmarks,
  };
  return { scene, lesionShape: lesion, level };
}

/** The point of a polyline at height z (linear between its vertices). */
function pointOnPath(path: readonly Vec3[], z: number): Vec3 {
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!, b = path[i]!;
    if ((z - a[2]) * (z - b[2]) <= 0 && a[2] !== b[2]) {
      const t = (z - a[2]) / (b[2] - a[2]);
      return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), z];
    }
  }
  throw new Error(`z ${z} is outside the path`);
}

export const case3SpineCt: StudyDefinition = {
  key: 'case3-spine-ct',
  uidIndex: 4,
  seed: 0xc03,
  patient: { name: 'PERCUPLAN^CASE3', id: 'PP-0003', sex: 'M', birthDate: '19430115', age: '081Y', sizeM: 1.72, weightKg: 70 },
  acquisition: {
    studyDate: '20240903',
    studyTime: '143210',
    accessionNumber: 'PPA0003',
    studyId: '3001',
    studyDescription: 'CT thoracolumbar spine',
    seriesDescription: 'Spine T6-L3 2.0 mm axial',
    seriesNumber: 2,
    protocolName: 'Thoracolumbar spine',
    bodyPart: 'TSPINE',
    modelName: 'Synthetic CT',
    kvp: 120,
    tubeCurrentMa: 280,
    ...DIAGNOSTIC_CT_RECONSTRUCTION,
  },
  grid: GRID,
  bodyToLps: [0, 0, -300],
  ...DIAGNOSTIC_CT_IMAGE_QUALITY,
  scene,
};

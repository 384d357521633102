import { writePart10 } from '../src/dicom/write';
import type { Vec3 } from '../src/shared/vec3';
import { ctImageAttributes, ctSeriesAttributes } from './dicom/ctImageHeader';
import { huToStored } from './dicom/huEncoding';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, studyUids } from './dicom/uids';
import { addCorrelatedNoise, blur3 } from './phantom/filters';
import { nearestVoxel, sliceZ, type Volume } from './phantom/grid';
import { addMetalStreaks } from './phantom/metalStreaks';
import { Canvas, paint, shade } from './phantom/paint';
import { forEachVoxelIn } from './phantom/shapeVoxels';
import { LABEL, METAL_STREAKS } from './postop/postProcedureScene';
import { postProcedureTruth } from './postop/postProcedureTruth';
import { tissue } from './anatomy/tissue';
import type { LesionDef, Scene, StudyDefinition } from './studies/studyDefinition';
import { GENERATOR_VERSION, type LesionTruth, type StudyTruth } from './truth';

type Triple = [number, number, number];

/** A rendered study: the HU volume (after blur and noise) and its truth. */
export interface RenderedStudy {
  volume: Volume;
  scene: Scene;
  truth: StudyTruth;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Paints, blurs and adds noise to a study's volume and works out its truth. */
export function renderStudy(def: StudyDefinition): RenderedStudy {
  const g = def.grid;
  const scene = def.scene();
  const canvas = new Canvas(g, tissue.air);
  for (const op of scene.ops) paint(canvas, op);
  const vol: Volume = { grid: g, hu: shade(canvas), labels: canvas.labels };
  const toLps = (p: Vec3): Triple => [round6(p[0] + def.bodyToLps[0]), round6(p[1] + def.bodyToLps[1]), round6(p[2] + def.bodyToLps[2])];
  const lesions = scene.lesions.map((l) => lesionTruth(vol, l, toLps, def.reduced !== true));
  const post = scene.postProcedure ? postProcedureTruth(vol, scene.postProcedure, toLps, def.reduced !== true) : undefined;
  blur3(vol, def.blur.xy, def.blur.z);
  if (scene.postProcedure) addMetalStreaks(vol, scene.postProcedure.metal, { ...METAL_STREAKS, metalLabel: LABEL.needle, seed: def.seed ^ 0x5eea });
  addCorrelatedNoise(vol, def.noiseSigmaHu, 0.25, def.seed);
  if (def.fieldOfView) applyFieldOfView(vol, def.fieldOfView);

  const uids = studyUids(def.uidIndex);
  const a = def.acquisition;
  const truth: StudyTruth = {
    key: def.key,
    generatorVersion: GENERATOR_VERSION,
    studyInstanceUID: uids.study,
    seriesInstanceUID: uids.series,
    frameOfReferenceUID: uids.frameOfReference,
    patientName: def.patient.name,
    patientID: def.patient.id,
    patientSex: def.patient.sex,
    patientAge: def.patient.age,
    studyDescription: a.studyDescription,
    seriesDescription: a.seriesDescription,
    geometry: {
      rows: g.rows,
      columns: g.columns,
      pixelSpacing: [g.rowSpacing, g.colSpacing],
      sliceThickness: g.sliceSpacing,
      sliceSpacing: g.sliceSpacing,
      sliceCount: g.slices,
      orientation: [1, 0, 0, 0, 1, 0],
      firstPosition: toLps([g.x0, g.y0, sliceZ(g, 0)]),
      lastPosition: toLps([g.x0, g.y0, sliceZ(g, g.slices - 1)]),
    },
    lesions,
    landmarks: Object.fromEntries(Object.entries(scene.landmarks).map(([k, p]) => [k, toLps(p)])),
  };
  if (def.fieldOfView) {
    const c = toLps([def.fieldOfView.centre[0], def.fieldOfView.centre[1], 0]);
    truth.fieldOfView = { center: [c[0], c[1]], radiusMm: def.fieldOfView.radiusMm, paddingHu: def.fieldOfView.paddingHu };
  }
  if (post) Object.assign(truth, post);
  return { volume: vol, scene, truth };
}

/** Encodes every slice of a rendered study as a Part 10 file, in InstanceNumber order. */
export function* encodeStudyFiles(def: StudyDefinition, rendered: RenderedStudy): Generator<{ name: string; bytes: Uint8Array }> {
  const g = def.grid;
  const uids = studyUids(def.uidIndex);
  const series = ctSeriesAttributes(def, uids);
  const plane = g.rows * g.columns;
  const hu = rendered.volume.hu;
  for (let k = 0; k < g.slices; k++) {
    const pixels = new Uint16Array(plane);
    for (let p = 0; p < plane; p++) pixels[p] = huToStored(hu[k * plane + p]!);
    const pos: Vec3 = [g.x0 + def.bodyToLps[0], g.y0 + def.bodyToLps[1], sliceZ(g, k) + def.bodyToLps[2]];
    const bytes = writePart10([...series, ...ctImageAttributes(uids, k + 1, pos, pixels)], {
      implementationClassUID: IMPLEMENTATION_CLASS_UID,
      implementationVersionName: IMPLEMENTATION_VERSION_NAME,
    });
    yield { name: `IM${String(k + 1).padStart(4, '0')}.dcm`, bytes };
  }
}

function lesionTruth(vol: Volume, l: LesionDef, toLps: (p: Vec3) => Triple, strict: boolean): LesionTruth {
  const g = vol.grid;
  let count = 0;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const labels = vol.labels;
  const add = (i: number, j: number, k: number) => {
    count++;
    const x = g.x0 + i * g.colSpacing, y = g.y0 + j * g.rowSpacing, z = sliceZ(g, k);
    if (x < lo[0]!) lo[0] = x;
    if (y < lo[1]!) lo[1] = y;
    if (z < lo[2]!) lo[2] = z;
    if (x > hi[0]!) hi[0] = x;
    if (y > hi[1]!) hi[1] = y;
    if (z > hi[2]!) hi[2] = z;
  };
  if (l.shape) {
    // Cement and needles are painted over part of it: its own shape's voxels.
    forEachVoxelIn(g, l.shape, add);
  } else {
    for (let k = 0; k < g.slices; k++) {
      for (let j = 0; j < g.rows; j++) {
        const row = (k * g.rows + j) * g.columns;
        for (let i = 0; i < g.columns; i++) if (labels[row + i] === l.labelValue) add(i, j, k);
      }
    }
  }
  const [ci, cj, ck] = nearestVoxel(g, l.centre);
  const inGrid = ci >= 0 && cj >= 0 && ck >= 0 && ci < g.columns && cj < g.rows && ck < g.slices;
  const centreIn = l.shape ? l.shape.sdf(...l.centre) < 0 : labels[(ck * g.rows + cj) * g.columns + ci] === l.labelValue;
  if (strict && (count === 0 || !inGrid || !centreIn)) {
    throw new Error(`lesion ${l.id} (${l.label}): its centre voxel is not painted as lesion (${count} voxels painted)`);
  }
  const half: Vec3 = [g.colSpacing / 2, g.rowSpacing / 2, g.sliceSpacing / 2];
  return {
    id: l.id,
    label: l.label,
    site: l.site,
    type: l.type,
    centerLps: toLps(l.centre),
    semiAxesMm: [l.semiAxesMm[0], l.semiAxesMm[1], l.semiAxesMm[2]],
    volumeMl: Math.round(((count * g.colSpacing * g.rowSpacing * g.sliceSpacing) / 1000) * 1000) / 1000,
    meanHu: l.meanHu,
    corticalBreak: l.corticalBreak,
    boundingBoxLps: count === 0 ? { min: toLps(l.centre), max: toLps(l.centre) } : {
      min: toLps([lo[0]! - half[0], lo[1]! - half[1], lo[2]! - half[2]]),
      max: toLps([hi[0]! + half[0], hi[1]! + half[1], hi[2]! + half[2]]),
    },
  };
}

function applyFieldOfView(vol: Volume, fov: NonNullable<StudyDefinition['fieldOfView']>): void {
  const g = vol.grid;
  const r2 = fov.radiusMm * fov.radiusMm;
  for (let j = 0; j < g.rows; j++) {
    const dy = g.y0 + j * g.rowSpacing - fov.centre[1];
    for (let i = 0; i < g.columns; i++) {
      const dx = g.x0 + i * g.colSpacing - fov.centre[0];
      if (dx * dx + dy * dy <= r2) continue;
      for (let k = 0; k < g.slices; k++) vol.hu[(k * g.rows + j) * g.columns + i] = fov.paddingHu;
    }
  }
}

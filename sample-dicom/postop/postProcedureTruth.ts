import type { Vec3 } from '../../src/shared/vec3';
import { sliceZ, type Volume } from '../phantom/grid';
import { forEachVoxelIn } from '../phantom/shapeVoxels';
import { invertMap, mapPoint, rigidMap } from '../phantom/transform';
import type { StudyTruth } from '../truth';
import type { PostProcedureScene } from './postProcedureScene';

type Triple = [number, number, number];
const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * The post-procedure truth of a painted volume (labels before blur and noise): the pose and
 * needles as designed, and the cement counted in voxels — all cement-labelled voxels (the
 * needles' metal is painted last, so it is never cement), each lesion's shape voxels and the
 * cement among them, each leak's own label with its centre.
 */
export function postProcedureTruth(vol: Volume, pp: PostProcedureScene, toLps: (p: Vec3) => Triple, strict = true): Pick<StudyTruth, 'pose' | 'needles' | 'cement'> {
  const g = vol.grid;
  const voxelMl = (g.colSpacing * g.rowSpacing * g.sliceSpacing) / 1000;
  const isCement = new Uint8Array(256);
  for (const l of pp.cementLabels) isCement[l] = 1;
  const leakIndex = new Int16Array(256).fill(-1);
  pp.leaks.forEach((l, n) => (leakIndex[l.label] = n));
  const leakSums = pp.leaks.map(() => [0, 0, 0, 0]);
  let total = 0;
  const labels = vol.labels;
  for (let k = 0; k < g.slices; k++) {
    const z = sliceZ(g, k);
    for (let j = 0; j < g.rows; j++) {
      const row = (k * g.rows + j) * g.columns;
      for (let i = 0; i < g.columns; i++) {
        const l = labels[row + i]!;
        if (!isCement[l]) continue;
        total++;
        const n = leakIndex[l]!;
        if (n < 0) continue;
        const s = leakSums[n]!;
        s[0]! += g.x0 + i * g.colSpacing;
        s[1]! += g.y0 + j * g.rowSpacing;
        s[2]! += z;
        s[3]!++;
      }
    }
  }
  const toPlanning = invertMap(rigidMap(pp.pose.planningToThisLps));
  const lesions = pp.lesionShapes.map(({ lesionId, shape }) => {
    let n = 0, c = 0;
    forEachVoxelIn(g, shape, (_i, _j, _k, at) => {
      n++;
      if (isCement[labels[at]!]) c++;
    });
    if (n === 0 && strict) throw new Error(`lesion ${lesionId}: no voxel of its shape lies in the grid`);
    return { lesionId, lesionVolumeMl: round(n * voxelMl, 4), cementInLesionMl: round(c * voxelMl, 4), fillPct: n === 0 ? 0 : round((100 * c) / n, 2) };
  });
  const leaks = pp.leaks.map((l, n) => {
    const s = leakSums[n]!;
    if (s[3]! === 0 && strict) throw new Error(`leak ${l.id}: no voxel carries its label ${l.label}`);
    // A reduced test grid may miss a leak: its centre is then the origin.
    const centreLps = s[3]! === 0 ? toLps([0, 0, 0]) : toLps([s[0]! / s[3]!, s[1]! / s[3]!, s[2]! / s[3]!]);
    const p = mapPoint(toPlanning, centreLps);
    return {
      id: l.id,
      location: l.location,
      volumeMl: round(s[3]! * voxelMl, 4),
      centreLps: centreLps.map((v) => round(v, 3)) as Triple,
      centrePlanningLps: p.map((v) => round(v, 3)) as Triple,
      description: l.description,
    };
  });
  const pose = pp.pose;
  return {
    pose: {
      planningStudyKey: pose.planningStudyKey,
      planningToThisLps: [...pose.planningToThisLps],
      rotationDeg: [...pose.rotationDeg] as Triple,
      translationMm: [...pose.translationMm] as Triple,
      centreLps: [...pose.centreLps] as Triple,
    },
    needles: pp.needles,
    cement: { totalMl: round(total * voxelMl, 4), lesions, leaks },
  };
}

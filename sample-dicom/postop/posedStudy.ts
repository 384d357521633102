import type { Vec3 } from '../../src/shared/vec3';
import { tissue } from '../anatomy/tissue';
import type { PaintOp } from '../phantom/paint';
import { mapPoint } from '../phantom/transform';
import type { Scene, StudyDefinition } from '../studies/studyDefinition';
import { needleTruth, type PlacedNeedle } from './needle';
import { posedScene, type Pose } from './pose';
import { LABEL, type LeakDef } from './postProcedureScene';

type Triple = [number, number, number];
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export interface PostProcedureInput {
  /** The planning study's scene (its body frame), lesions with their shapes. */
  planning: Scene;
  planningStudy: Pick<StudyDefinition, 'key' | 'bodyToLps'>;
  thisBodyToLps: Vec3;
  pose: Pose;
  /** The needles left in place (planning body frame): painted last, as metal. */
  needles: readonly PlacedNeedle[];
  /** Cement paint operations (planning body frame) and the leaks they label. */
  cement: { ops: PaintOp[]; leaks: LeakDef[] };
}

/**
 * A post-procedure scene: the planning anatomy with cement and needles, moved into this
 * study's pose, with what its truth needs (pose, needles in both LPS spaces, lesion shapes,
 * cement and leak labels, the metal for the streak artefacts).
 */
export function postProcedureScene(input: PostProcedureInput): Scene {
  const { pose, needles } = input;
  const ops: PaintOp[] = [
    ...input.planning.ops,
    ...input.cement.ops,
    ...needles.map((n) => ({ name: `needle ${n.plan.trajectoryId}`, shape: n.shape, material: tissue.steel, label: LABEL.needle })),
  ];
  const posed = posedScene({ ...input.planning, ops }, pose);
  const here = input.thisBodyToLps, there = input.planningStudy.bodyToLps;
  const toThis = (p: Vec3): Triple => {
    const q = mapPoint(pose.bodyMap, p);
    return [round6(q[0] + here[0]), round6(q[1] + here[1]), round6(q[2] + here[2])];
  };
  const toPlanning = (p: Vec3): Triple => [round6(p[0] + there[0]), round6(p[1] + there[1]), round6(p[2] + there[2])];
  const lesionShapes = posed.lesions.map((l) => {
    if (!l.shape) throw new Error(`lesion ${l.id}: a post-procedure scene needs its shape`);
    return { lesionId: l.id, shape: l.shape };
  });
  return {
    ...posed,
    postProcedure: {
      pose: {
        planningStudyKey: input.planningStudy.key,
        planningToThisLps: pose.matrix,
        rotationDeg: pose.spec.rotationDeg,
        translationMm: pose.spec.translationMm,
        centreLps: pose.spec.centreLps,
      },
      needles: needles.map((n) => needleTruth(n, toThis, toPlanning)),
      lesionShapes,
      cementLabels: [...posed.lesions.map((_, i) => LABEL.cementInBone(i)), ...input.cement.leaks.map((l) => l.label)],
      leaks: input.cement.leaks,
      metal: needles.map((n) => ({ a: mapPoint(pose.bodyMap, n.hub), b: mapPoint(pose.bodyMap, n.tip), radiusMm: n.plan.diameterMm / 2 })),
    },
  };
}

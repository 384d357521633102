import type { Vec3 } from '../../src/shared/vec3';
import { matrixFromParams } from '../../src/planning/postprocedure/rigid';
import { mapPoint, rigidMap, transformed, transformOp, type RigidMap } from '../phantom/transform';
import type { Scene } from '../studies/studyDefinition';

/** A post-procedure study's pose: rotations about x, y, z (°, R = Rz·Ry·Rx) through `centreLps` (planning LPS), then a translation. */
export interface PoseSpec {
  rotationDeg: Vec3;
  translationMm: Vec3;
  centreLps: Vec3;
}

/** A pose made concrete: the LPS matrix and the map from the planning study's body frame into this study's. */
export interface Pose {
  spec: PoseSpec;
  /** Planning-CT LPS → this study's LPS, row-major 4×4 (the contract's convention, src/planning/postprocedure/rigid.ts). */
  matrix: number[];
  /** Planning body frame → this study's body frame: b ↦ M·(b + planningBodyToLps) − thisBodyToLps. */
  bodyMap: RigidMap;
}

export function makePose(spec: PoseSpec, planningBodyToLps: Vec3, thisBodyToLps: Vec3): Pose {
  const matrix = [...matrixFromParams({ rotationDeg: spec.rotationDeg, translationMm: spec.translationMm }, spec.centreLps)];
  const lpsMap = rigidMap(matrix);
  const moved = mapPoint(lpsMap, planningBodyToLps);
  return {
    spec,
    matrix,
    bodyMap: { r: lpsMap.r, t: [moved[0] - thisBodyToLps[0], moved[1] - thisBodyToLps[1], moved[2] - thisBodyToLps[2]] },
  };
}

/**
 * A scene built in the planning study's body frame, moved into this study's: every paint
 * operation, lesion centre (and shape) and landmark. Lesion semi-axes stay as designed (in
 * the lesion's own, now rotated, axes).
 */
export function posedScene(scene: Scene, pose: Pose): Scene {
  const a = pose.bodyMap;
  return {
    ops: scene.ops.map((op) => transformOp(op, a)),
    lesions: scene.lesions.map((l) => ({ ...l, centre: mapPoint(a, l.centre), ...(l.shape ? { shape: transformed(l.shape, a) } : {}) })),
    landmarks: Object.fromEntries(Object.entries(scene.landmarks).map(([k, p]) => [k, mapPoint(a, p)])),
  };
}

import type { Vec3 } from '../../src/shared/vec3';
import { bodyWallOps, cavityKeys, type BodyWallSpec } from '../anatomy/bodyWall';
import { pelvisBoneOps, pelvisGeometry, JOINT_SPACE_MM, type PelvisGeometry, type PelvisProportions } from '../anatomy/pelvisBones';
import { natalCleftOp, pelvicCavity, pelvicFatOps, pelvicMuscleOps, pelvicOrganOps, pelvicVesselOps, type PelvisSoftTissueSpec } from '../anatomy/pelvisSoftTissue';
import { layoutColumn, type LevelDef } from '../anatomy/spineColumn';
import { spineOps } from '../anatomy/spineOps';
import { tissue } from '../anatomy/tissue';
import type { VertebraSpec } from '../anatomy/vertebra';
import { snapToSlice, type VoxelGrid } from '../phantom/grid';
import type { PaintOp } from '../phantom/paint';

/** Everything that varies between the two pelvis patients. */
export interface PelvisPatient {
  sex: 'M' | 'F';
  proportions: PelvisProportions;
  body: BodyWallSpec;
}

/** The anatomy of a pelvis study, before lesions: operations, geometry and landmarks. */
export interface PelvisScene {
  ops: PaintOp[];
  geometry: PelvisGeometry;
  column: VertebraSpec[];
  landmarks: Record<string, Vec3>;
}

const LUMBAR: readonly LevelDef[] = [{ name: 'L3' }, { name: 'L4' }, { name: 'L5' }];

/** Lumbar lordosis for a supine pelvis: body-centre y by height. */
export const pelvisSpineY = (z: number): number => (z < 110 ? 16 : z > 220 ? 2 : 16 - ((z - 110) * 14) / 110);

/**
 * Builds the pelvis anatomy of a patient for a grid: body wall, cavity, muscles, fat
 * planes, organs, vessels, lumbar spine, sacrum, hip bones and femora, in paint order.
 * The acetabular-roof landmarks are put on the slice 4 mm above the joint space.
 */
export function pelvisScene(p: PelvisPatient, grid: VoxelGrid): PelvisScene {
  const g = pelvisGeometry(p.proportions);
  const zTop = grid.top;
  const column = layoutColumn(LUMBAR, g.s1Top[2] + 10 * p.proportions.scale, pelvisSpineY, p.proportions.scale);
  const soft: PelvisSoftTissueSpec = {
    sex: p.sex,
    abdominalCavity: cavityKeys(p.body),
    spineY: pelvisSpineY,
    hipHalfWidth: p.proportions.hipHalfWidth,
    flare: p.proportions.flare,
    bifurcationZ: column.find((v) => v.name === 'L4')!.centre[2],
    zTop,
  };
  const cavity = pelvicCavity(soft);
  const ops: PaintOp[] = [
    ...bodyWallOps({ ...p.body, fillCavity: false }),
    natalCleftOp(p.body.tableY),
    { name: 'pelvic and abdominal cavity', shape: cavity, material: tissue.visceralFat },
    ...pelvicFatOps(soft),
    ...pelvicMuscleOps(soft),
    ...pelvicOrganOps(soft, cavity),
    ...pelvicVesselOps(soft),
    ...spineOps(column, { density: p.proportions.density, conusZ: 1e9, canalExtend: 30 }),
    ...pelvisBoneOps(g, p.proportions),
  ];
  const H = g.headCentreLeft;
  const roofZ = snapToSlice(grid, H[2] + p.proportions.headRadius + JOINT_SPACE_MM + 4);
  return {
    ops,
    geometry: g,
    column,
    landmarks: {
      acetabularRoofRight: [-H[0], H[1], roofZ],
      acetabularRoofLeft: [H[0], H[1], roofZ],
      femoralHeadCentreRight: [-H[0], H[1], H[2]],
      femoralHeadCentreLeft: [H[0], H[1], H[2]],
      pubicSymphysis: g.symphysis,
      sacralPromontory: g.promontory,
    },
  };
}

import { tubeStructure, type StructureInput } from './demoStructures';
/**
 * Where the right iliac and femoral vessels and the right sciatic nerve of the sample pelvis
 * studies lie, as offsets from the right femoral head centre (a truth landmark): x toward the
 * midline (LPS +x for the right side), y posterior, z superior, mm. The vessels were read off
 * the studies' CT (blood, ≈ 40 HU, in fat; the tests check the density along each tube); the
 * sciatic nerve is not modelled by the synthetic studies and is drawn where it runs: out of
 * the greater sciatic notch, down behind the posterior column of the acetabulum, between the
 * ischial tuberosity and the greater trochanter. The vessel offsets follow the studies' anatomy
 * (sample-dicom/anatomy/pelvisSoftTissue.ts); the nerve's were chosen to lie in muscle, clear of
 * bone, along that course.
 */

type Offset = readonly [number, number, number];

/** Offsets of one pelvis patient. */
export interface PelvisVessels {
  /** Common iliac bifurcation → external iliac → common femoral artery. */
  readonly artery: readonly Offset[];
  /** The accompanying vein, medial to the artery below the pelvic brim. */
  readonly vein: readonly Offset[];
}

/**
 * Case 1 (man, 62): a narrower pelvic inlet, so the external iliac vessels run more medially
 * high in the pelvis than in case 2; below the brim both patients agree.
 */
export const CASE1_VESSELS: PelvisVessels = {
  artery: [[54, 1, 110], [32, -25, 70], [14, -49, 28], [8, -55, 0], [2, -51, -60], [-4, -41, -140]],
  vein: [[58, 11, 108], [36, -17, 68], [22, -43, 28], [20, -51, 0], [14, -49, -60], [6, -39, -140]],
};

/** Case 2 (woman, 47): a wider (female) pelvic inlet. */
export const CASE2_VESSELS: PelvisVessels = {
  artery: [[47.6, 1, 110], [23.2, -25, 70], [14, -49, 28], [8, -55, 0], [2, -51, -60], [-4, -41, -140]],
  vein: [[51.6, 11, 108], [27.2, -17, 68], [22, -43, 28], [20, -51, 0], [14, -49, -60], [6, -39, -140]],
};

/** Radii of the tubes, mm: the external iliac / common femoral artery and vein of an adult. */
export const ARTERY_RADIUS_MM = 5;
export const VEIN_RADIUS_MM = 7;

/** The right sciatic nerve (not in the images), from the greater sciatic notch down. */
export const SCIATIC_NERVE: readonly Offset[] = [[35, 52, 40], [26, 54, 32], [20, 59, 15], [18, 63, -5], [14, 61, -30], [10, 57, -60], [6, 53, -95]];

/** Radius of the sciatic nerve tube, mm (the nerve is 1–2 cm wide and flat). */
export const SCIATIC_RADIUS_MM = 5;

/** LPS points of right-sided offsets from the right femoral head centre. */
export function rightSideFrom(head: readonly [number, number, number], offsets: readonly Offset[]): [number, number, number][] {
  return offsets.map(([m, p, s]) => [head[0] + m, head[1] + p, head[2] + s]);
}

/**
 * The right external iliac / common femoral artery and vein as tube structures at risk,
 * along a patient's vessel course from the right femoral head centre.
 */
export function rightFemoralVessels(frameOfReferenceUID: string, head: readonly [number, number, number], vessels: PelvisVessels): StructureInput[] {
  return [
    tubeStructure(frameOfReferenceUID, { id: 'S-artery', kind: 'major-vessel', name: 'Right external iliac and common femoral artery', pointsLps: rightSideFrom(head, vessels.artery), radiusMm: ARTERY_RADIUS_MM }),
    tubeStructure(frameOfReferenceUID, { id: 'S-vein', kind: 'major-vessel', name: 'Right external iliac and common femoral vein', pointsLps: rightSideFrom(head, vessels.vein), radiusMm: VEIN_RADIUS_MM }),
  ];
}

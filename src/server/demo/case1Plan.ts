import { ok, type Result } from '../../shared/result';
import { lps, type Vec3 } from '../../shared/vec3';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { MaskSource } from '../../planning/encoding/encodeMask';
import { thresholdInBox } from '../../planning/structures/thresholdInBox';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { lateralDirection, quincunxTips } from './cryoLayout';
import { all, type DemoCasePlan } from './demoCasePlan';
import { growDemoLesion } from './demoLesion';
import { closeMask, maskStructure, tubeStructure } from './demoStructures';
import { placeTrajectory, type DemoTrajectorySpec } from './demoTrajectory';
import { truthLandmark, truthLesion, type DemoTruth } from './demoTruth';
import { CASE1_VESSELS, rightFemoralVessels, rightSideFrom, SCIATIC_NERVE, SCIATIC_RADIUS_MM } from './pelvisAnatomy';

type Triple = readonly [number, number, number];

const add = (a: Triple, b: Triple): Triple => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const neg = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];

/** Bowel gas: below −400 HU (air is −1000; fat, the lowest tissue, about −100). */
const GAS_HU: readonly [number, number] = [-1024, -400];

/** Closing that joins the gas bubbles of bowel content into its lumen, mm. */
const BOWEL_CLOSING_MM = 6;

/**
 * The cryoprobes (generic 13 G, 15 min freeze): parallel, from a posterolateral approach 22°
 * off the left–right axis and 12° caudal, across the iliac plate the lesion has expanded; one
 * probe in the middle and four on the corners of a 28 mm square, so each corner is 2 cm from
 * the middle one (the catalogue's calibration spacing) and all five freeze as one cluster. The
 * tips are staggered along the probes because the lesion's upper part lies more laterally than
 * its lower part. The square's centre: 6 mm medial, 2 mm anterior and 9 mm below the lesion's
 * centre, toward its bulk above the acetabulum. Chosen for coverage with the visible (0 °C)
 * ice clear of the caecum, the iliac vessels and the sciatic nerve.
 */
const CRYO = {
  centreFromLesion: [6, -2, -9] as Triple,
  caudalDeg: 12,
  anteriorDeg: 22,
  halfSideMm: 14,
  depthOffsetsMm: [6, -6, -4, 14, 9] as [number, number, number, number, number],
  labels: ['middle', 'anterior-superior', 'posterior-superior', 'anterior-inferior', 'posterior-inferior'],
};

/**
 * Case 1 (man, 62, small-cell carcinoma): osteolytic lesion of the right iliac bone reaching
 * the superior acetabulum with a pathological fracture; cryoablation with five probes, then
 * cementoplasty through two iliac and two acetabular bone access needles. Performed.
 */
export function case1Plan(volume: PlanningVolume, truth: DemoTruth, catalogue: DeviceCatalogue): Result<DemoCasePlan> {
  const FOR = truth.frameOfReferenceUID;
  const source: MaskSource = { seriesInstanceUID: truth.seriesInstanceUID, frameOfReferenceUID: FOR };
  const l1 = truthLesion(truth, 'L1');
  const head = truthLandmark(truth, 'femoralHeadCentreRight');
  if (!l1.ok) return l1;
  if (!head.ok) return head;
  const centre = l1.value.centerLps;

  const lesion = growDemoLesion(volume, source, {
    id: 'L1',
    label: 'Right iliac bone and superior acetabulum: osteolytic metastasis with pathological fracture',
    site: { kind: 'iliac-bone' },
    side: 'right',
    type: 'lytic',
    flags: { pathologicalFracture: true, corticalBreach: true, softTissueExtension: false, posteriorVertebralWallInvolvement: false, vertebralBodyCollapsePercent: null },
    seedLps: centre,
  });
  if (!lesion.ok) return lesion;

  // Bowel: the gas of the caecum and ascending colon in the right iliac fossa, in a box from
  // the lesion's medial side to near the midline and from its front to the anterior abdominal
  // wall, joined into the lumen by a closing.
  const gas = thresholdInBox(volume, lps(centre[0] + 3, centre[1] - 97, centre[2] - 58), lps(centre[0] + 85, centre[1] - 5, centre[2] + 52), GAS_HU[0], GAS_HU[1]);
  const bowel = maskStructure(volume, source, closeMask(volume, gas, BOWEL_CLOSING_MM), {
    id: 'S-bowel',
    kind: 'bowel',
    name: 'Bowel: caecum and ascending colon (gas-containing content, right iliac fossa)',
  });
  if (!bowel.ok) return bowel;
  const structures = [
    bowel.value,
    ...rightFemoralVessels(FOR, head.value, CASE1_VESSELS),
    tubeStructure(FOR, {
      id: 'S-sciatic',
      kind: 'other',
      name: 'Right sciatic nerve (not in the images: drawn from anatomy, greater sciatic notch to the thigh)',
      pointsLps: rightSideFrom(head.value, SCIATIC_NERVE),
      radiusMm: SCIATIC_RADIUS_MM,
    }),
  ];

  const inward = lateralDirection(true, CRYO.caudalDeg, CRYO.anteriorDeg);
  const tips = quincunxTips(add(centre, CRYO.centreFromLesion), inward, CRYO.halfSideMm, CRYO.depthOffsetsMm);
  const probes: DemoTrajectorySpec[] = tips.map((tip, i) => ({
    id: `cryo-${i + 1}`,
    label: `Cryoprobe ${i + 1} (${CRYO.labels[i]})`,
    deviceId: 'generic-cryoprobe-13g',
    zoneSetId: 'freeze-15min',
    target: tip,
    outward: neg(inward),
    accessRoute: { approach: 'posterolateral', side: 'right' },
    lesionId: 'L1',
  }));

  // Cementoplasty after the ablation: 10 G × 15 cm needles (deep pelvic access), each at least
  // 8 mm from every probe's track. Two in the iliac part (the upper lesion, and the fracture of
  // the lateral cortex), two in the acetabular roof between the two lower probes, from the side
  // (supra-acetabular), their tips 5 mm or more above the joint space.
  const needle = (id: string, label: string, offset: Triple, outward: Vec3): DemoTrajectorySpec => ({
    id,
    label,
    deviceId: 'bone-access-10g-150',
    target: add(centre, offset),
    outward,
    accessRoute: { approach: 'lateral', side: 'right' },
    lesionId: 'L1',
  });
  const cement = [
    needle('cement-iliac-1', 'Bone access needle, iliac (upper lesion)', [-9, 7, 12], [-0.8, 0.25, 0.55]),
    needle('cement-iliac-2', 'Bone access needle, iliac (lateral cortex fracture)', [-11, -9, -2], [-1, 0, 0]),
    needle('cement-acetabular-1', 'Bone access needle, superior acetabulum (posterior)', [-3, 3, -24], [-0.94, 0.34, 0]),
    needle('cement-acetabular-2', 'Bone access needle, superior acetabulum (medial)', [4, -5, -25], [-0.98, 0, -0.17]),
  ];
  const placed = all([...probes, ...cement].map((s) => placeTrajectory(volume, FOR, catalogue, s)));
  if (!placed.ok) return placed;

  return ok({
    title: 'Right iliac and acetabular metastasis: cryoablation (5 probes) and cementoplasty (4 needles)',
    status: 'performed',
    lesions: [lesion.value],
    structuresAtRisk: structures,
    trajectories: placed.value,
  });
}

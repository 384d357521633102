import { err, ok, type Result } from '../../shared/result';
import { lps, type Vec3 } from '../../shared/vec3';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { MaskSource } from '../../planning/encoding/encodeMask';
import { fillCavities } from '../../planning/segmentation/fillCavities';
import { thresholdInBox } from '../../planning/structures/thresholdInBox';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { all, type DemoCasePlan } from './demoCasePlan';
import { growDemoLesion } from './demoLesion';
import { connectedPart, maskStructure, shellMask } from './demoStructures';
import { placeTrajectory } from './demoTrajectory';
import { truthLandmark, truthLesion, type DemoTruth } from './demoTruth';
import { measureHipJointSpace } from './jointSpace';
import { CASE2_VESSELS, rightFemoralVessels } from './pelvisAnatomy';

type Triple = readonly [number, number, number];

/** Urine: water density, below the bladder wall, muscle and uterus (≈ 40–50 HU) and above fat. */
const URINE_HU: readonly [number, number] = [-20, 24];

/**
 * Case 2 (woman, 47, breast carcinoma): pathological fractures of the right superior acetabulum
 * and superior pubic ramus; cementoplasty through two bone access needles, approved.
 * Structures: the bladder (urine thresholded in a box behind and above the symphysis), the
 * right external iliac / femoral artery and vein, and the right hip joint space.
 */
export function case2Plan(volume: PlanningVolume, truth: DemoTruth, catalogue: DeviceCatalogue): Result<DemoCasePlan> {
  const FOR = truth.frameOfReferenceUID;
  const source: MaskSource = { seriesInstanceUID: truth.seriesInstanceUID, frameOfReferenceUID: FOR };
  const l1 = truthLesion(truth, 'L1');
  const l2 = truthLesion(truth, 'L2');
  const head = truthLandmark(truth, 'femoralHeadCentreRight');
  const symphysis = truthLandmark(truth, 'pubicSymphysis');
  if (!l1.ok) return l1;
  if (!l2.ok) return l2;
  if (!head.ok) return head;
  if (!symphysis.ok) return symphysis;

  const lesions = all([
    growDemoLesion(volume, source, {
      id: 'L1',
      label: 'Right superior acetabulum: lytic metastasis with pathological fracture',
      site: { kind: 'acetabulum', part: 'superior' },
      side: 'right',
      type: 'lytic',
      flags: { pathologicalFracture: true, corticalBreach: false, softTissueExtension: false, posteriorVertebralWallInvolvement: false, vertebralBodyCollapsePercent: null },
      seedLps: l1.value.centerLps,
    }),
    growDemoLesion(volume, source, {
      id: 'L2',
      label: 'Right superior pubic ramus: lytic metastasis with pathological fracture',
      site: { kind: 'pubic-ramus' },
      side: 'right',
      type: 'lytic',
      flags: { pathologicalFracture: true, corticalBreach: true, softTissueExtension: false, posteriorVertebralWallInvolvement: false, vertebralBodyCollapsePercent: null },
      seedLps: l2.value.centerLps,
    }),
  ]);
  if (!lesions.ok) return lesions;

  // The bladder lies behind the symphysis and above it: urine in a box 48 mm either side of
  // the midline, from 6 mm in front of the symphysis to 62 mm behind it, from 12 mm below it to
  // 52 mm above, the part connected to a point 28 mm behind and 20 mm above the symphysis, its
  // enclosed holes (noisy voxels) filled.
  const [sx, sy, sz] = symphysis.value;
  const urine = connectedPart(volume, thresholdInBox(volume, lps(sx - 48, sy - 6, sz - 12), lps(sx + 48, sy + 62, sz + 52), URINE_HU[0], URINE_HU[1]), lps(sx, sy + 28, sz + 20));
  if (!urine.ok) return err(`bladder: ${urine.error}`);
  fillCavities(urine.value.data, urine.value.box.size);
  const bladder = maskStructure(volume, source, urine.value, { id: 'S-bladder', kind: 'bladder', name: 'Bladder (urine)' });
  if (!bladder.ok) return bladder;

  // The joint space: the shell between the femoral head and the acetabulum, its radii measured
  // on the CT.
  const H = lps(...head.value);
  const joint = measureHipJointSpace(volume, H);
  if (!joint.ok) return joint;
  const jointStructure = maskStructure(volume, source, shellMask(volume, H, joint.value.headMm, joint.value.cupMm), {
    id: 'S-hip-joint',
    kind: 'other',
    name: 'Right hip joint space (between femoral head and acetabulum, measured on the CT)',
  });
  if (!jointStructure.ok) return jointStructure;

  const structures = [
    bladder.value,
    ...rightFemoralVessels(FOR, head.value, CASE2_VESSELS),
    jointStructure.value,
  ];

  // Anterior accesses, as the post-procedure cone-beam CT shows them: to the acetabular roof
  // from in front, lateral to the femoral vessels and angled up; to the ramus from in front,
  // medial to them and above the groin, angled down along the ramus.
  const needles = all([
    placeTrajectory(volume, FOR, catalogue, {
      id: 'cement-acetabular',
      label: 'Bone access needle, right superior acetabulum',
      deviceId: 'bone-access-10g-150',
      target: l1.value.centerLps,
      outward: [-0.3, -0.9, 0.3] as Vec3,
      accessRoute: { approach: 'anterolateral', side: 'right' },
      lesionId: 'L1',
    }),
    placeTrajectory(volume, FOR, catalogue, {
      id: 'cement-ramus',
      label: 'Bone access needle, right superior pubic ramus',
      deviceId: 'bone-access-11g-150',
      target: l2.value.centerLps as Triple,
      outward: [0.25, -0.7, 0.65] as Vec3,
      accessRoute: { approach: 'anterior', side: 'right' },
      lesionId: 'L2',
    }),
  ]);
  if (!needles.ok) return needles;

  return ok({
    title: 'Right acetabular and superior pubic ramus cementoplasty (2 needles)',
    status: 'approved',
    lesions: lesions.value,
    structuresAtRisk: structures,
    trajectories: needles.value,
  });
}

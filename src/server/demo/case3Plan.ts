import { err, ok, type Result } from '../../shared/result';
import { lps, type Vec3 } from '../../shared/vec3';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { MaskSource } from '../../planning/encoding/encodeMask';
import { thresholdInBox } from '../../planning/structures/thresholdInBox';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { all, type DemoCasePlan } from './demoCasePlan';
import { growDemoLesion } from './demoLesion';
import { connectedPart, maskStructure, tubeStructure } from './demoStructures';
import { placeTrajectory } from './demoTrajectory';
import { truthLandmark, truthLesion, type DemoTruth } from './demoTruth';

/**
 * Angle of the track from the sagittal plane. The T10 pedicle is about 7.5 mm wide and 9–11 mm
 * long: a track through its centre drifts 11·tan 12° ≈ 2.3 mm across it at 12°, which an 11 G
 * needle (1.5 mm radius) survives; the 38° line from the pedicle to the body centre would drift
 * 8.6 mm and cut the medial wall.
 */
const TRACK_FROM_SAGITTAL_DEG = 12;

/** CSF, cord and epidural fat, but not disc (≈ 80 HU), muscle (≈ 50 HU in noise) or bone. */
const CANAL_HU: readonly [number, number] = [-200, 65];

/**
 * Case 3 (man, 81, prostate carcinoma): T10 vertebra plana, vertebroplasty through a left
 * unipedicular access, performed. Structures: the canal from T9 to T11 (thresholded in a box
 * round the canal), the descending aorta, and the left and right T10 nerve roots.
 */
export function case3Plan(volume: PlanningVolume, truth: DemoTruth, catalogue: DeviceCatalogue): Result<DemoCasePlan> {
  const FOR = truth.frameOfReferenceUID;
  const source: MaskSource = { seriesInstanceUID: truth.seriesInstanceUID, frameOfReferenceUID: FOR };
  const marks = all(['T10PedicleLeft', 'T10CanalCentre', 'T10BodyCentre', 'T9BodyCentre', 'T11BodyCentre', 'aortaT10'].map((n) => truthLandmark(truth, n)));
  const l1 = truthLesion(truth, 'L1');
  if (!marks.ok) return marks;
  if (!l1.ok) return l1;
  const [pedicle, canal, body, t9, t11, aorta] = marks.value as [Triple, Triple, Triple, Triple, Triple, Triple];

  // T10 lost about two thirds of its height: the body centres of T9–T10 are 20.5 mm apart, which
  // with T9's half height (≈ 10.75 mm) and the disc (≈ 6 mm) leaves ≈ 7.5 mm of a ≈ 22 mm body
  // at its tallest (posterior) wall, and less centrally: vertebra plana, taken as 75 % collapse.
  const lesion = growDemoLesion(volume, source, {
    id: 'L1',
    label: 'T10 vertebra plana with osteolysis',
    site: { kind: 'vertebra', level: 'T10', part: 'body' },
    side: 'midline',
    type: 'lytic',
    flags: { pathologicalFracture: true, corticalBreach: true, softTissueExtension: false, posteriorVertebralWallInvolvement: false, vertebralBodyCollapsePercent: 75 },
    seedLps: l1.value.centerLps,
  });
  if (!lesion.ok) return lesion;

  // The canal: CSF, cord and epidural fat in a box 9 mm either side of the canal centre, ±8 mm
  // front to back, from 4 mm below the T11 to 4 mm above the T9 body centre (bone, disc and
  // muscle are out of range), keeping the part connected to the T10 canal centre.
  const canalMask = connectedPart(
    volume,
    thresholdInBox(volume, lps(canal[0] - 9, canal[1] - 8, t11[2] - 4), lps(canal[0] + 9, canal[1] + 8, t9[2] + 4), CANAL_HU[0], CANAL_HU[1]),
    lps(...canal),
  );
  if (!canalMask.ok) return err(`spinal canal: ${canalMask.error}`);
  const canalStructure = maskStructure(volume, source, canalMask.value, { id: 'S-canal', kind: 'spinal-canal', name: 'Spinal canal T9–T11 (CSF, cord and epidural fat)' });
  if (!canalStructure.ok) return canalStructure;

  const structures = [
    canalStructure.value,
    tubeStructure(FOR, {
      id: 'S-aorta',
      kind: 'major-vessel',
      name: 'Descending aorta (T8–T12)',
      pointsLps: descendingAorta(aorta),
      radiusMm: 13.5,
    }),
    ...(['left', 'right'] as const).map((side) =>
      tubeStructure(FOR, {
        id: `S-root-${side}`,
        kind: 'nerve-root',
        name: `${side === 'left' ? 'Left' : 'Right'} T10 nerve root (not in the images: drawn from anatomy, T10–T11 foramen below the pedicle)`,
        pointsLps: t10Root(canal, side === 'left' ? 1 : -1),
        radiusMm: 2,
      }),
    ),
  ];

  // The tip at the depth of the body's centre, left of the midline, on the line through the
  // left pedicle's centre at 12° from sagittal; the needle comes from behind along it.
  const t = Math.tan((TRACK_FROM_SAGITTAL_DEG * Math.PI) / 180);
  const target: Triple = [pedicle[0] - (pedicle[1] - body[1]) * t, body[1], body[2]];
  const outward: Vec3 = [pedicle[0] - target[0], pedicle[1] - target[1], pedicle[2] - target[2]];
  const needle = placeTrajectory(volume, FOR, catalogue, {
    id: 'T1',
    label: 'T10 left transpedicular bone access needle',
    // Skin to the tip is ≈ 9 cm here: an 11 G × 10 cm needle would leave under a centimetre
    // outside the skin, so the 15 cm one.
    deviceId: 'bone-access-11g-150',
    target,
    outward,
    accessRoute: { approach: 'transpedicular', side: 'left' },
    lesionId: 'L1',
  });
  if (!needle.ok) return needle;

  return ok({
    title: 'T10 vertebroplasty, left unipedicular access',
    status: 'performed',
    lesions: [lesion.value],
    structuresAtRisk: structures,
    trajectories: [needle.value],
  });
}

type Triple = readonly [number, number, number];

/**
 * The descending aorta from T8 to T12 as a polyline through the aorta's centre at T10: left
 * of the spine above, sloping forward and toward the midline on its way down to the hiatus at
 * T12. The course follows the study's anatomy (sample-dicom/anatomy/trunkVessels.ts); the
 * tests check blood density along the tube on the CT.
 */
function descendingAorta(atT10: Triple): Triple[] {
  const [x, y, z] = atT10;
  return [
    [x + 4.09, y + 5.88, z + 50.22],
    [x + 4.09, y + 4.65, z + 29.24],
    [x - 2.91, y - 3.3, z - 20.76],
    [x - 10.91, y - 11.8, z - 50.76],
  ];
}

/**
 * A T10 nerve root (side +1 left, −1 right): it leaves the dural sac at the lateral canal
 * and runs out through the upper part of the T10–T11 foramen, just under the T10 pedicle
 * (whose lower edge is ≈ 5 mm below the pedicle centre here), laterally and a little downward
 * and backward. The synthetic study does not model nerves; this is where they lie.
 */
function t10Root(canal: Triple, side: 1 | -1): Triple[] {
  const [x, y, z] = canal;
  return [
    [x + side * 6.5, y - 2.5, z - 6.3],
    [x + side * 11, y - 2, z - 7.3],
    [x + side * 19, y - 0.5, z - 9.3],
  ];
}

import type { Device } from '../../planning/devices/deviceSchema';
import type { PlanLesion } from '../../planning/records/planLesion';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { distance } from '../../shared/vec3';
import type { CodedConcept } from '../codedConcept';
import { codeItem, container, numItem, polyline3dItem, present, textItem, uidItem, type ContentItem } from './contentItem';
import { findingSiteItem } from './findingSite';
import { deviceKindCode, percuplanCode, type PercuplanCodeName } from '../percuplanCodes';
import { SR_CODES, UCUM } from './standardCodes';

/** What one trajectory's measurement group is built from. */
export interface TrajectoryGroupInput {
  readonly trajectory: Trajectory;
  /** The catalogue device, or undefined when the catalogue no longer has it (its id is written). */
  readonly device: Device | undefined;
  /** The zone set label, when the device has one for this trajectory. */
  readonly zoneSetLabel: string | null;
  /** The lesion the trajectory treats, for the Finding Site. */
  readonly lesion: PlanLesion | undefined;
  readonly trackingUid: string;
  /** The plan's frame of reference (the points' frame). */
  readonly frameOfReferenceUID: string;
}

const DIRECTION = {
  cranial: SR_CODES.cranial,
  caudal: SR_CODES.caudal,
  left: SR_CODES.left,
  right: SR_CODES.right,
  anterior: SR_CODES.anterior,
  posterior: SR_CODES.posterior,
} as const satisfies Record<string, CodedConcept>;

function angleItem(
  value: number | null,
  method: PercuplanCodeName,
  direction: keyof typeof DIRECTION | 'none' | null,
  errors: string[],
  what: string,
): ContentItem | null {
  if (value === null) return null;
  const mods = [codeItem('HAS CONCEPT MOD', SR_CODES.measurementMethod, percuplanCode(method))];
  if (direction && direction !== 'none') mods.push(codeItem('HAS CONCEPT MOD', SR_CODES.topographicalModifier, DIRECTION[direction]));
  return numItem('CONTAINS', SR_CODES.angle, value, UCUM.deg, errors, what, mods);
}

/**
 * One TID 1501 measurement group for a trajectory: its tracking identifier and UID, finding
 * "Needle", the Length inferred from a two-point SCOORD3D POLYLINE (entry, then target), and
 * the stored metrics exactly as the server computed them (depth, gauge, needle margin,
 * angles, distances to structures, warnings), the device's name and kind. Problems are added
 * to `errors`, each naming the trajectory.
 */
export function trajectoryGroup(input: TrajectoryGroupInput, errors: string[]): ContentItem {
  const { trajectory: t, device, lesion } = input;
  const name = t.label || t.id;
  const what = (m: string) => `trajectory ${name}: ${m}`;
  const path = polyline3dItem('INFERRED FROM', percuplanCode('plannedNeedlePath'), [t.entry, t.target], input.frameOfReferenceUID);
  const items: (ContentItem | null)[] = [
    textItem('CONTAINS', SR_CODES.trackingIdentifier, name),
    uidItem('CONTAINS', SR_CODES.trackingUniqueIdentifier, input.trackingUid),
    codeItem('CONTAINS', SR_CODES.finding, SR_CODES.needle),
    lesion ? findingSiteItem(lesion) : null,
    numItem('CONTAINS', SR_CODES.length, distance(t.entry, t.target), UCUM.mm, errors, what('length'), [path]),
  ];
  const m = t.metrics;
  if (m) {
    items.push(
      numItem('CONTAINS', SR_CODES.depth, m.depthMm, UCUM.mm, errors, what('depth')),
      device?.gauge ? numItem('CONTAINS', SR_CODES.needleGauge, device.gauge, UCUM.gauge, errors, what('gauge')) : null,
      numItem('CONTAINS', percuplanCode('needleMargin'), m.needleMarginMm, UCUM.mm, errors, what('needle margin')),
      angleItem(m.craniocaudalAngleDeg, 'craniocaudalAngle', m.craniocaudalDirection, errors, what('craniocaudal angle')),
      angleItem(m.axialAngleDeg, 'axialAngle', m.axialDirection, errors, what('axial angle')),
      angleItem(m.tableVerticalAngleDeg, 'tableVerticalAngle', m.tableVerticalDirection, errors, what('table-vertical angle')),
      ...m.structures.map((s) =>
        numItem('CONTAINS', percuplanCode('structureDistance'), s.distanceMm, UCUM.mm, errors, what(`distance to ${s.label}`), [
          textItem('HAS CONCEPT MOD', percuplanCode('structureAtRisk'), s.label || s.structureId),
        ]),
      ),
    );
  } else if (device?.gauge) {
    items.push(numItem('CONTAINS', SR_CODES.needleGauge, device.gauge, UCUM.gauge, errors, what('gauge')));
  }
  items.push(textItem('CONTAINS', SR_CODES.deviceName, device ? device.name : t.deviceId));
  if (device) items.push(codeItem('CONTAINS', percuplanCode('deviceKind'), deviceKindCode(device.kind)));
  if (input.zoneSetLabel) items.push(textItem('CONTAINS', percuplanCode('ablationZoneSetting'), input.zoneSetLabel));
  for (const w of m?.warnings ?? []) items.push(textItem('CONTAINS', percuplanCode('planningWarning'), w));
  return container('CONTAINS', SR_CODES.measurementGroup, present(items));
}

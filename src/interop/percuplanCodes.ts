import type { DeviceKind } from '../planning/devices/deviceSchema';
import { code, type CodedConcept } from './codedConcept';

/**
 * PercuPlan's private coding scheme, for the concepts of a percutaneous plan that have no
 * standard code (DICOM PS3.16 has none for craniocaudal vs axial angle, needle margin,
 * cryoprobe, coverage or a planned ablation zone). Declared in the Coding Scheme Identification
 * Sequence (SOP Common, PS3.3 C.12.1.1.4) of every SR and SEG we write; a "99" designator is the
 * form PS3.16 8.2 reserves for local schemes. This table is the single definition for both
 * writers (SR and SEG), and the README's table is written from it, so a code value can never
 * be given two meanings.
 */
export const PERCUPLAN_SCHEME = {
  designator: '99PERCUPLAN',
  name: 'PercuPlan planning codes',
  responsibleOrganization: 'PercuPlan project',
  version: '1',
  /** A fixed 2.25 UID naming the scheme (derived once from "percuplan:coding-scheme:99PERCUPLAN"). */
  uid: '2.25.261159026849776322594735281792876211164',
} as const;

/** One private code with what it is used for in the SR or SEG (for the README table). */
export interface PrivateCodeEntry {
  readonly value: string;
  readonly meaning: string;
  readonly usedFor: string;
}

/** Every private code, by the name the writer uses. */
export const PERCUPLAN_CODE_TABLE = {
  planningProcedure: {
    value: 'PP001',
    meaning: 'Percutaneous ablation or cementoplasty planning',
    usedFor: 'Second Procedure reported (DCM 121058) of the report, next to SCT 363679005 Imaging procedure',
  },
  plannedNeedlePath: {
    value: 'PP010',
    meaning: 'Planned needle path',
    usedFor: 'Concept name of the SCOORD3D POLYLINE (entry, then target) the Length of a trajectory group is inferred from',
  },
  needleMargin: {
    value: 'PP011',
    meaning: 'Needle length margin',
    usedFor: 'NUM (mm): device working length minus depth; negative when the needle cannot reach the target',
  },
  craniocaudalAngle: {
    value: 'PP012',
    meaning: 'Craniocaudal angle',
    usedFor: 'Measurement Method (SCT 370129005) of an Angle NUM (SCT 1483009): tilt out of the axial plane; direction as Topographical modifier Cranial/Caudal',
  },
  axialAngle: {
    value: 'PP013',
    meaning: 'Axial angle',
    usedFor: 'Measurement Method of an Angle NUM: in-plane angle from the vertical (anteroposterior) axis; direction Left/Right',
  },
  tableVerticalAngle: {
    value: 'PP014',
    meaning: 'Table-vertical angle',
    usedFor: 'Measurement Method of an Angle NUM: angle from the table vertical; direction Anterior/Posterior',
  },
  structureDistance: {
    value: 'PP015',
    meaning: 'Distance to structure at risk',
    usedFor: 'NUM (mm): closest distance between the needle shaft and one structure at risk',
  },
  structureAtRisk: {
    value: 'PP016',
    meaning: 'Structure at risk',
    usedFor: 'TEXT concept modifier of a distance NUM: the structure\'s name',
  },
  planningWarning: {
    value: 'PP017',
    meaning: 'Planning warning',
    usedFor: 'TEXT: one warning the planning metrics raised for the trajectory',
  },
  deviceKind: {
    value: 'PP018',
    meaning: 'Device kind',
    usedFor: 'CODE concept name: what kind of device the trajectory is for (value: PP020 to PP024)',
  },
  ablationZoneSetting: {
    value: 'PP019',
    meaning: 'Ablation zone setting',
    usedFor: 'TEXT: the device setting (freeze protocol, power and time) whose zones the plan uses',
  },
  cryoprobe: { value: 'PP020', meaning: 'Cryoprobe', usedFor: 'Device kind value' },
  microwaveAntenna: { value: 'PP021', meaning: 'Microwave antenna', usedFor: 'Device kind value' },
  rfElectrode: { value: 'PP022', meaning: 'Radiofrequency electrode', usedFor: 'Device kind value' },
  boneAccessNeedle: { value: 'PP023', meaning: 'Bone access needle', usedFor: 'Device kind value' },
  spinalNeedle: { value: 'PP024', meaning: 'Spinal needle', usedFor: 'Device kind value' },
  lethalZoneCoverage: {
    value: 'PP030',
    meaning: 'Lethal zone coverage of lesion',
    usedFor: 'NUM (%): share of the lesion volume inside the composite lethal ablation zone',
  },
  minimumAblationMargin: {
    value: 'PP031',
    meaning: 'Minimum ablation margin',
    usedFor: 'NUM (mm): the least distance the composite lethal zone reaches beyond the lesion surface; negative when part of the lesion lies outside it',
  },
  longestAxialDiameter: {
    value: 'PP032',
    meaning: 'Longest axial diameter',
    usedFor: 'Measurement Method of a Diameter NUM (SCT 81827009): longest in-plane extent on any one slice',
  },
  principalDiameter1: {
    value: 'PP033',
    meaning: 'First principal axis extent',
    usedFor: 'Measurement Method of a Diameter NUM: extent along the longest principal axis of the mask',
  },
  principalDiameter2: {
    value: 'PP034',
    meaning: 'Second principal axis extent',
    usedFor: 'Measurement Method of a Diameter NUM: extent along the middle principal axis',
  },
  principalDiameter3: {
    value: 'PP035',
    meaning: 'Third principal axis extent',
    usedFor: 'Measurement Method of a Diameter NUM: extent along the shortest principal axis',
  },
  plannedLethalZone: {
    value: 'PP060',
    meaning: 'Planned lethal ablation zone',
    usedFor: 'SEG: Segmented Property Type of the segment holding the composite lethal ablation zone (category SCT 309825002 Spatial and relational concept)',
  },
} as const satisfies Record<string, PrivateCodeEntry>;

/** A private code's name in {@link PERCUPLAN_CODE_TABLE}. */
export type PercuplanCodeName = keyof typeof PERCUPLAN_CODE_TABLE;

/** The coded concept of a private code. */
export function percuplanCode(name: PercuplanCodeName): CodedConcept {
  const entry = PERCUPLAN_CODE_TABLE[name];
  return code(entry.value, PERCUPLAN_SCHEME.designator, entry.meaning);
}

const DEVICE_KIND_CODES: Record<DeviceKind, PercuplanCodeName> = {
  cryoprobe: 'cryoprobe',
  'microwave-antenna': 'microwaveAntenna',
  'rf-electrode': 'rfElectrode',
  'bone-access-needle': 'boneAccessNeedle',
  'spinal-needle': 'spinalNeedle',
};

/** The private code of a device kind. */
export const deviceKindCode = (kind: DeviceKind): CodedConcept => percuplanCode(DEVICE_KIND_CODES[kind]);

/**
 * The Coding Scheme Identification Sequence item declaring the scheme (PS3.3 Table C.12-1), for
 * the SOP Common module of every object that uses a code of the table.
 */
export function percuplanSchemeIdentification(): Record<string, string> {
  return {
    CodingSchemeDesignator: PERCUPLAN_SCHEME.designator,
    CodingSchemeUID: PERCUPLAN_SCHEME.uid,
    CodingSchemeName: PERCUPLAN_SCHEME.name,
    CodingSchemeVersion: PERCUPLAN_SCHEME.version,
    CodingSchemeResponsibleOrganization: PERCUPLAN_SCHEME.responsibleOrganization,
  };
}

/** The table as markdown (code value, meaning, used for), for the README. */
export function percuplanCodesMarkdown(): string {
  const rows = Object.values(PERCUPLAN_CODE_TABLE).map((e) => `| \`${e.value}\` | ${e.meaning} | ${e.usedFor} |`);
  return [
    `Private coding scheme \`${PERCUPLAN_SCHEME.designator}\` ("${PERCUPLAN_SCHEME.name}", version ${PERCUPLAN_SCHEME.version}, UID ${PERCUPLAN_SCHEME.uid}), declared in the Coding Scheme Identification Sequence of each SR and SEG PercuPlan writes:`,
    '',
    '| Code value | Meaning | Used for |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

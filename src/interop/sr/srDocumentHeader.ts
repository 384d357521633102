import type { InstanceHeader } from '../../dicom/instanceHeader';
import type { PlanDocument } from '../../records';
import { cross, dot, type Vec3 } from '../../shared/vec3';
import { COMPREHENSIVE_3D_SR_STORAGE, type ExportedSeg } from '../exportTypes';
import type { NaturalDataset } from '../part10';
import type { DicomUtc } from './dicomDateTime';

/** Patient and General Study attributes of Type 2: present, even if empty, in every SR. */
const TYPE2_COPIED = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'StudyID',
  'AccessionNumber',
] as const;

/**
 * The CT's Patient, General Study and Patient Study attributes, copied verbatim (so that
 * `dcentvfy` finds CT, SEG and SR consistent), with the Type 2 ones the CT lacks present and
 * empty. dcmjs bookkeeping keys (`_vrMap`) and the CT's character set are left behind: the SR
 * declares its own.
 */
export function copiedPatientStudy(patientStudy: NaturalDataset): NaturalDataset {
  const out: NaturalDataset = {};
  for (const [k, v] of Object.entries(patientStudy)) {
    if (k.startsWith('_') || k === 'SpecificCharacterSet') continue;
    out[k] = v;
  }
  for (const k of TYPE2_COPIED) if (out[k] === undefined || out[k] === null) out[k] = '';
  return out;
}

const positionAlongNormal = (h: InstanceHeader): number => {
  const o = h.imageOrientationPatient;
  const p = h.imagePositionPatient;
  if (!o || !p) return 0;
  const normal: Vec3 = cross([o[0], o[1], o[2]], [o[3], o[4], o[5]]);
  return dot(p, normal);
};

/**
 * The CT slices in a fixed order, whatever order they were given in: by series, then position
 * along the slice normal, then SOP Instance UID. Evidence lists and the image library follow
 * it, so the same plan version always gives the same bytes.
 */
export function orderedSlices(slices: readonly InstanceHeader[]): InstanceHeader[] {
  return [...slices].sort(
    (a, b) =>
      a.seriesInstanceUID.localeCompare(b.seriesInstanceUID) ||
      positionAlongNormal(a) - positionAlongNormal(b) ||
      a.sopInstanceUID.localeCompare(b.sopInstanceUID),
  );
}

interface Ref {
  readonly series: string;
  readonly sopClass: string;
  readonly sopInstance: string;
}

/**
 * Current Requested Procedure Evidence (PS3.3 C.17.2.3, Hierarchical SOP Instance Reference
 * Macro): every CT instance and the SEG, grouped by series, under the study. dciodvfy checks
 * that every instance the content references is listed here.
 */
export function evidenceSequence(studyInstanceUID: string, slices: readonly InstanceHeader[], seg: ExportedSeg | null): NaturalDataset[] {
  const refs: Ref[] = slices.map((s) => ({ series: s.seriesInstanceUID, sopClass: s.sopClassUID, sopInstance: s.sopInstanceUID }));
  if (seg) refs.push({ series: seg.object.seriesInstanceUID, sopClass: seg.object.sopClassUID, sopInstance: seg.object.sopInstanceUID });
  const bySeries = new Map<string, Ref[]>();
  for (const r of refs) bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), r]);
  return [
    {
      StudyInstanceUID: studyInstanceUID,
      ReferencedSeriesSequence: [...bySeries].map(([series, list]) => ({
        SeriesInstanceUID: series,
        ReferencedSOPSequence: list.map((r) => ({ ReferencedSOPClassUID: r.sopClass, ReferencedSOPInstanceUID: r.sopInstance })),
      })),
    },
  ];
}

/** Predecessor Documents Sequence naming the previous version's SR (same study and SR series). */
export const predecessorSequence = (studyInstanceUID: string, srSeries: string, predecessor: string): NaturalDataset[] => [
  {
    StudyInstanceUID: studyInstanceUID,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: srSeries,
        ReferencedSOPSequence: [{ ReferencedSOPClassUID: COMPREHENSIVE_3D_SR_STORAGE, ReferencedSOPInstanceUID: predecessor }],
      },
    ],
  },
];

/** Text without backslashes (the value separator) or control characters, which PN and LO refuse. */
const cleanText = (text: string): string =>
  [...text]
    .map((c) => (c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .trim();

/** A value for a PN attribute: no backslash or control characters, a component group of at most 64. */
export const personName = (name: string): string => cleanText(name).slice(0, 64);

/** A value for an LO attribute: no backslash or control characters, at most 64 characters. */
export const longString = (text: string): string => {
  const clean = cleanText(text);
  return clean.length <= 64 ? clean : `${clean.slice(0, 61).trimEnd()}...`;
};

/** The SeriesDescription of the plan's SR series (LO: long titles shortened to fit). */
export function srSeriesDescription(title: string): string {
  const head = 'PercuPlan plan: ';
  const tail = ' (SR)';
  const room = 64 - head.length - tail.length;
  const t = cleanText(title) || 'untitled';
  return `${head}${t.length <= room ? t : `${t.slice(0, room - 3).trimEnd()}...`}${tail}`;
}

/**
 * SR Document General flags (PS3.3 C.17.2): a draft or proposed plan is PARTIAL and
 * UNVERIFIED; an approved or performed one is COMPLETE, and VERIFIED by whoever approved it
 * at the time they did (UNVERIFIED if the plan does not say who or when).
 */
export function completionAndVerification(plan: PlanDocument, approvedAt: DicomUtc | null): NaturalDataset {
  const final = plan.status === 'approved' || plan.status === 'performed';
  if (!final) return { CompletionFlag: 'PARTIAL', VerificationFlag: 'UNVERIFIED' };
  if (!plan.approvedBy || !approvedAt) return { CompletionFlag: 'COMPLETE', VerificationFlag: 'UNVERIFIED' };
  return {
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: personName(plan.approvedBy),
        VerifyingObserverIdentificationCodeSequence: [],
        // Type 1 in the SR Document General module; PercuPlan records no organisation.
        VerifyingOrganization: 'Not recorded',
        VerificationDateTime: approvedAt.dateTime,
      },
    ],
  };
}

const hasNonAscii = (value: unknown): boolean => {
  if (typeof value === 'string') return [...value].some((c) => c.charCodeAt(0) > 0x7e);
  if (Array.isArray(value)) return value.some(hasNonAscii);
  if (value !== null && typeof value === 'object' && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) return Object.values(value).some(hasNonAscii);
  return false;
};

/**
 * The Specific Character Set for a dataset dcmjs writes (its strings go out as UTF-8): none
 * when every text is ASCII, the default repertoire (dcmtk's VR checker warns on ISO_IR 192,
 * so plain ASCII files stay free of that warning), else ISO_IR 192.
 */
export const specificCharacterSet = (dataset: NaturalDataset): NaturalDataset => (hasNonAscii(dataset) ? { SpecificCharacterSet: 'ISO_IR 192' } : {});

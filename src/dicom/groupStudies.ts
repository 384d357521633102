import type { InstanceHeader } from './instanceHeader';
import { isImageObject } from './sopClasses';

/** One series of a study, with its instances in InstanceNumber order. */
export interface SeriesGroup {
  seriesInstanceUID: string;
  seriesNumber?: number;
  seriesDescription?: string;
  /** Distinct modalities of the series' instances, sorted (usually one). */
  modalities: string[];
  frameOfReferenceUID?: string;
  instanceCount: number;
  /** Image objects only; SR, SEG, RT and other non-image objects are not counted here. */
  imageCount: number;
  /** Frames across the image objects (a multi-frame object counts all its frames). */
  frameCount: number;
  instances: InstanceHeader[];
}

/** One study with its patient fields and series in a stable order. */
export interface StudyGroup {
  studyInstanceUID: string;
  patientName?: string;
  patientID?: string;
  patientSex?: string;
  patientAge?: string;
  patientBirthDate?: string;
  studyDate?: string;
  studyTime?: string;
  studyDescription?: string;
  accessionNumber?: string;
  /** Distinct modalities across the study, sorted. */
  modalities: string[];
  instanceCount: number;
  series: SeriesGroup[];
  /**
   * Disagreements between instances that should share a value, e.g. two PatientIDs in one
   * study: a sign of mixed-up patients that the user must see before planning.
   */
  warnings: string[];
}

const cmpStr = (a: string | undefined, b: string | undefined): number =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;

const cmpNum = (a: number | undefined, b: number | undefined): number =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY) || 0;

const byInstance = (a: InstanceHeader, b: InstanceHeader): number =>
  cmpNum(a.instanceNumber, b.instanceNumber) || cmpStr(a.sopInstanceUID, b.sopInstanceUID);

const distinct = (values: readonly (string | undefined)[]): string[] =>
  [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))].sort();

const first = <K extends keyof InstanceHeader>(hs: readonly InstanceHeader[], k: K): InstanceHeader[K] | undefined =>
  hs.find((h) => h[k] !== undefined && h[k] !== '')?.[k];

function bucket<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

function toSeries(uid: string, hs: InstanceHeader[]): SeriesGroup {
  const images = hs.filter((h) => isImageObject(h.sopClassUID, h.hasPixelData));
  return {
    seriesInstanceUID: uid,
    seriesNumber: first(hs, 'seriesNumber'),
    seriesDescription: first(hs, 'seriesDescription'),
    modalities: distinct(hs.map((h) => h.modality)),
    frameOfReferenceUID: first(images, 'frameOfReferenceUID'),
    instanceCount: hs.length,
    imageCount: images.length,
    frameCount: images.reduce((n, h) => n + Math.max(1, h.numberOfFrames ?? 1), 0),
    instances: hs,
  };
}

const PATIENT_FIELDS = [
  ['patientID', 'PatientID'],
  ['patientName', 'PatientName'],
  ['patientBirthDate', 'PatientBirthDate'],
] as const;

function toStudy(uid: string, hs: InstanceHeader[]): StudyGroup {
  const series = [...bucket(hs, (h) => h.seriesInstanceUID)]
    .map(([s, members]) => toSeries(s, members))
    .sort(
      (a, b) =>
        cmpNum(a.seriesNumber, b.seriesNumber) ||
        cmpStr(a.seriesDescription, b.seriesDescription) ||
        cmpStr(a.seriesInstanceUID, b.seriesInstanceUID),
    );
  const warnings = PATIENT_FIELDS.flatMap(([k, tag]) => {
    const values = distinct(hs.map((h) => h[k]));
    return values.length > 1 ? [`Instances of this study disagree on ${tag}: ${values.map((v) => `"${v}"`).join(', ')}.`] : [];
  });
  return {
    studyInstanceUID: uid,
    patientName: first(hs, 'patientName'),
    patientID: first(hs, 'patientID'),
    patientSex: first(hs, 'patientSex'),
    patientAge: first(hs, 'patientAge'),
    patientBirthDate: first(hs, 'patientBirthDate'),
    studyDate: first(hs, 'studyDate'),
    studyTime: first(hs, 'studyTime'),
    studyDescription: first(hs, 'studyDescription'),
    accessionNumber: first(hs, 'accessionNumber'),
    modalities: distinct(hs.map((h) => h.modality)),
    instanceCount: hs.length,
    series,
    warnings,
  };
}

/**
 * Groups instance headers into studies and series. The order depends only on the headers'
 * content, never on the order files were read: studies by date, time, then UID; series by
 * SeriesNumber, then description, then UID (missing values last); instances by
 * InstanceNumber, then SOP Instance UID.
 */
export function groupStudies(headers: readonly InstanceHeader[]): StudyGroup[] {
  const sorted = [...headers].sort(byInstance);
  return [...bucket(sorted, (h) => h.studyInstanceUID)]
    .map(([uid, hs]) => toStudy(uid, hs))
    .sort(
      (a, b) =>
        cmpStr(a.studyDate, b.studyDate) ||
        cmpStr(a.studyTime, b.studyTime) ||
        cmpStr(a.studyInstanceUID, b.studyInstanceUID),
    );
}

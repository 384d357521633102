import type { CaseContent } from './caseRecord';

/** One change made to a case record to make it pseudonymous (the teaching preview lists each). */
export interface CaseChange {
  /** Where, e.g. "patient.identifiers" or "followUps[2].date". */
  readonly path: string;
  readonly action: 'removed' | 'replaced' | 'shifted';
  readonly before: string;
  readonly after: string | null;
}

/** How to make a case pseudonymous: the same shift and UID mapping as its images. */
export interface PseudonymousOptions {
  /** Days every date moves by (negative: earlier); the images of the teaching case move by the same. */
  readonly dateShiftDays: number;
  /** The pseudonym the teaching case shows, e.g. "TEACH-3f9a". */
  readonly pseudonym: string;
  /**
   * The de-identified study UID of a source study, or undefined when the study is not part of the
   * teaching case (a linked study then goes, a lesion's study becomes null).
   */
  readonly studyUid: (sourceUid: string) => string | undefined;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The record's isoDateTime: a full date, a time, and a zone (Z or ±hh:mm).
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))$/;

/** "YYYY-MM-DD" moved by `days` in UTC calendar arithmetic (no 23- or 25-hour days), or null when not a real date. */
export function shiftIsoDate(value: string, days: number): string | null {
  const m = ISO_DATE.exec(value) ?? ISO_DATE_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  // The date part only: the time of day and its zone are kept as written.
  return new Date(t + days * DAY_MS).toISOString().slice(0, 10) + (m[4] ?? '');
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Walks the whole record (not a list of known fields, so a date added to the schema later is
 * shifted too) and moves every ISO date and date-time by `days`, recording each change.
 */
function shiftAll(value: Json, path: string, days: number, changes: CaseChange[]): Json {
  if (typeof value === 'string') {
    const shifted = shiftIsoDate(value, days);
    if (shifted === null || shifted === value) return value;
    changes.push({ path, action: 'shifted', before: value, after: shifted });
    return shifted;
  }
  if (Array.isArray(value)) return value.map((v, i) => shiftAll(v, `${path}[${i}]`, days, changes));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = shiftAll(v, path ? `${path}.${k}` : k, days, changes);
    return out;
  }
  return value;
}

/**
 * The pseudonymous copy of a case record for a teaching case (DICOM PS3.15 in spirit: the same
 * options as its images). The patient becomes `pseudonym` (pseudonymous true), loses every
 * identifier and the birth year; sex and age are kept (Retain Patient Characteristics). Every
 * date and date-time anywhere in the record (pain, analgesics, follow-ups, decision, disease,
 * board decisions …) moves by the same number of days, so every interval stays true. Linked
 * studies move to their de-identified UIDs and those not copied go; so does a lesion's link to
 * a study not copied.
 *
 * Free text (notes, findings, rationale, comments) is kept as the author wrote it: it may name
 * a person or a date, and only its author can judge. Keeping it clean is the author's
 * responsibility; the teaching preview shows it before anything is made.
 */
export function pseudonymousCase(content: CaseContent, options: PseudonymousOptions): { case: CaseContent; changes: CaseChange[] } {
  const changes: CaseChange[] = [];
  const p = content.patient;
  if (p.pseudonym !== options.pseudonym) changes.push({ path: 'patient.pseudonym', action: 'replaced', before: p.pseudonym, after: options.pseudonym });
  if (!p.pseudonymous) changes.push({ path: 'patient.pseudonymous', action: 'replaced', before: 'false', after: 'true' });
  p.identifiers.forEach((id, i) => changes.push({ path: `patient.identifiers[${i}]`, action: 'removed', before: `${id.system}: ${id.value}`, after: null }));
  if (p.birthYear !== null) changes.push({ path: 'patient.birthYear', action: 'removed', before: String(p.birthYear), after: null });

  const shifted = shiftAll(structuredClone(content) as unknown as Json, '', options.dateShiftDays, changes) as unknown as CaseContent;

  const linkedStudies: CaseContent['linkedStudies'] = [];
  content.linkedStudies.forEach((s, i) => {
    const uid = options.studyUid(s.studyInstanceUID);
    const path = `linkedStudies[${i}].studyInstanceUID`;
    if (uid === undefined) {
      changes.push({ path: `linkedStudies[${i}]`, action: 'removed', before: s.studyInstanceUID, after: null });
      return;
    }
    changes.push({ path, action: 'replaced', before: s.studyInstanceUID, after: uid });
    // Kept by PercuPlan itself now, whatever source it came from; the PACS's name goes with it.
    linkedStudies.push({ ...s, studyInstanceUID: uid, source: 'embedded', sourceDetail: '' });
  });
  const lesions = shifted.lesions.map((l, i) => {
    if (l.studyInstanceUID === null) return l;
    const uid = options.studyUid(l.studyInstanceUID) ?? null;
    changes.push({ path: `lesions[${i}].studyInstanceUID`, action: uid === null ? 'removed' : 'replaced', before: l.studyInstanceUID, after: uid });
    return { ...l, studyInstanceUID: uid };
  });

  return {
    case: {
      ...shifted,
      patient: { ...shifted.patient, pseudonym: options.pseudonym, pseudonymous: true, identifiers: [], birthYear: null },
      linkedStudies,
      lesions,
    },
    changes,
  };
}

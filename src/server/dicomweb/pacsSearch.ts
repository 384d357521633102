import { err, ok, type Result } from '../../shared/result';

/** A worklist search of the PACS, as the browser asks for it. */
export interface PacsSearch {
  patientName?: string;
  patientId?: string;
  /** YYYYMMDD, inclusive. */
  dateFrom?: string;
  /** YYYYMMDD, inclusive. */
  dateTo?: string;
  modality?: string;
  accession?: string;
  offset: number;
  limit: number;
}

/** The page size when the browser names none. */
export const DEFAULT_LIMIT = 25;
/** The largest page: the worklist never asks the PACS to list everything. */
export const MAX_LIMIT = 100;

const TEXT_FIELDS = ['patientName', 'patientId', 'accession'] as const;
const KNOWN = new Set<string>([...TEXT_FIELDS, 'dateFrom', 'dateTo', 'modality', 'offset', 'limit']);

function isCalendarDate(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function integer(params: URLSearchParams, name: string, fallback: number, min: number): Result<number> {
  const text = params.get(name)?.trim();
  if (!text) return ok(fallback);
  if (!/^\d+$/.test(text) || Number(text) < min) return err(`${name} must be an integer of at least ${min}, got "${text}"`);
  return ok(Number(text));
}

/**
 * Reads the query string of `GET /api/pacs/studies`. Errors name the parameter. A limit above
 * {@link MAX_LIMIT} is lowered to it, so even a search without criteria is one bounded page.
 */
export function parsePacsSearch(params: URLSearchParams): Result<PacsSearch> {
  for (const key of params.keys()) {
    if (!KNOWN.has(key)) return err(`Unknown search parameter "${key}"; use ${[...KNOWN].join(', ')}`);
  }
  const search: PacsSearch = { offset: 0, limit: DEFAULT_LIMIT };
  for (const field of TEXT_FIELDS) {
    const v = params.get(field)?.trim();
    if (!v) continue;
    if (v.length > 64) return err(`${field} is longer than 64 characters`);
    // A backslash separates DICOM values and would turn the query into a list match.
    if (/[\\\p{Cc}]/u.test(v)) return err(`${field} must not contain a backslash or control characters`);
    search[field] = v;
  }
  for (const field of ['dateFrom', 'dateTo'] as const) {
    const v = params.get(field)?.trim();
    if (!v) continue;
    if (!isCalendarDate(v)) return err(`${field} must be a date as YYYYMMDD, got "${v}"`);
    search[field] = v;
  }
  if (search.dateFrom && search.dateTo && search.dateFrom > search.dateTo) {
    return err(`dateFrom ${search.dateFrom} is after dateTo ${search.dateTo}`);
  }
  const modality = params.get('modality')?.trim();
  if (modality) {
    if (!/^[A-Za-z0-9_]{1,16}$/.test(modality)) return err(`modality must be a DICOM modality code such as CT, got "${modality}"`);
    search.modality = modality.toUpperCase();
  }
  const offset = integer(params, 'offset', 0, 0);
  if (!offset.ok) return offset;
  const limit = integer(params, 'limit', DEFAULT_LIMIT, 1);
  if (!limit.ok) return limit;
  search.offset = offset.value;
  search.limit = Math.min(limit.value, MAX_LIMIT);
  return ok(search);
}

/** True when the user typed a DICOM wildcard, so the value is passed on as a pattern. */
const hasWildcard = (v: string): boolean => /[*?]/.test(v);

/** Study-level attributes the listing needs beyond the ones every QIDO-RS server returns. */
export const STUDY_INCLUDE_FIELDS = [
  '00081030', // StudyDescription
  '00100030', // PatientBirthDate
  '00100040', // PatientSex
  '00101010', // PatientAge
  '00080061', // ModalitiesInStudy
  '00201206', // NumberOfStudyRelatedSeries
  '00201208', // NumberOfStudyRelatedInstances
] as const;

/**
 * The QIDO-RS query (`?...`, for `/studies`) of a search. A patient name without wildcards
 * matches as a prefix (`DOE` finds `DOE^JANE`) with fuzzy matching allowed; IDs and
 * accession numbers match exactly unless the user typed `*` or `?`. One more study than
 * the page holds is asked for, to tell whether another page follows.
 */
export function qidoStudiesQuery(search: PacsSearch): string {
  const q: [string, string][] = [];
  if (search.patientName) {
    q.push(['PatientName', hasWildcard(search.patientName) ? search.patientName : `${search.patientName}*`]);
    q.push(['fuzzymatching', 'true']);
  }
  if (search.patientId) q.push(['PatientID', search.patientId]);
  if (search.accession) q.push(['AccessionNumber', search.accession]);
  if (search.dateFrom || search.dateTo) {
    const range = search.dateFrom === search.dateTo ? (search.dateFrom ?? '') : `${search.dateFrom ?? ''}-${search.dateTo ?? ''}`;
    q.push(['StudyDate', range]);
  }
  if (search.modality) q.push(['ModalitiesInStudy', search.modality]);
  for (const f of STUDY_INCLUDE_FIELDS) q.push(['includefield', f]);
  q.push(['offset', String(search.offset)], ['limit', String(search.limit + 1)]);
  return queryString(q);
}

/**
 * `?k=v&...` with every value percent-encoded; a space becomes %20, since not every PACS
 * reads "+" as a space.
 */
export const queryString = (pairs: readonly (readonly [string, string])[]): string =>
  `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;

/**
 * Reading values out of the DICOM JSON model (PS3.18 F.2), as QIDO-RS and WADO-RS metadata
 * return it: `{ "00100010": { "vr": "PN", "Value": [{ "Alphabetic": "DOE^JANE" }] } }`.
 * Servers differ in the details, so the readers are lenient: DS/IS may come as numbers or
 * strings, an empty attribute may have no `Value`, `[]`, `[null]` or `[""]`, and tag keys are
 * upper-case hex but lower case is accepted too.
 */

/** One DICOM JSON dataset: tag (8 hex digits) to attribute object. */
export type DicomJsonDataset = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The attribute object of a tag, or undefined when absent or not an object. */
export function jsonAttribute(ds: DicomJsonDataset, tag: string): Record<string, unknown> | undefined {
  const a = ds[tag.toUpperCase()] ?? ds[tag.toLowerCase()];
  return isRecord(a) ? a : undefined;
}

/** The non-empty entries of a tag's `Value` array (nulls and empty strings dropped). */
export function jsonValues(ds: DicomJsonDataset, tag: string): unknown[] | undefined {
  const value = jsonAttribute(ds, tag)?.Value;
  if (!Array.isArray(value)) return undefined;
  const present = value.filter((v) => v !== null && v !== undefined && v !== '');
  return present.length > 0 ? present : undefined;
}

/** A person name as one string: the Alphabetic group, else Ideographic, else Phonetic. */
function personName(v: Record<string, unknown>): string | undefined {
  for (const group of ['Alphabetic', 'Ideographic', 'Phonetic']) {
    const s = v[group];
    if (typeof s === 'string' && s !== '') return s;
  }
  return undefined;
}

const asString = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (isRecord(v)) return personName(v);
  return undefined;
};

/** Every value of a tag as text (numbers printed, person names by their Alphabetic group). */
export function jsonStrings(ds: DicomJsonDataset, tag: string): string[] | undefined {
  const values = jsonValues(ds, tag)
    ?.map(asString)
    .filter((s): s is string => s !== undefined);
  return values && values.length > 0 ? values : undefined;
}

/** The first value of a tag as text. */
export function jsonString(ds: DicomJsonDataset, tag: string): string | undefined {
  return jsonStrings(ds, tag)?.[0];
}

/**
 * Every value of a numeric tag (DS, IS, US, SS, FL, FD, UL, SL). Strings are parsed, and a
 * single backslash-joined string is split, as some servers send DS that way. Undefined when
 * the tag is empty or any value is not a finite number, so a half-read vector is never used.
 */
export function jsonNumbers(ds: DicomJsonDataset, tag: string): number[] | undefined {
  const values = jsonValues(ds, tag);
  if (!values) return undefined;
  const out: number[] = [];
  for (const v of values) {
    if (typeof v === 'number') out.push(v);
    else if (typeof v === 'string') out.push(...v.split('\\').map((p) => (p.trim() === '' ? Number.NaN : Number(p))));
    else return undefined;
  }
  return out.every((n) => Number.isFinite(n)) ? out : undefined;
}

/** The first value of a numeric tag. */
export function jsonNumber(ds: DicomJsonDataset, tag: string): number | undefined {
  return jsonNumbers(ds, tag)?.[0];
}

/** True when the tag is present at all, with a value, inline binary or a bulk data URI. */
export function hasJsonAttribute(ds: DicomJsonDataset, tag: string): boolean {
  return jsonAttribute(ds, tag) !== undefined;
}

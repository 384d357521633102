import type { NaturalDataset } from '../part10';
import { err, ok, type Result } from '../../shared/result';
import { attributeInfo, BOOKKEEPING_KEYS, punctuated } from './attributeInfo';
import { burnedInRefusal } from './burnedIn';
import { dummyCodeItem, dummyValue, emptyValue } from './dummyValues';
import { deidentificationMarkers } from './markers';
import { profileRowForTag } from './profileTable';
import { resolveAction, type Decision, type ProfileOptions } from './resolveAction';
import { shiftDa, shiftDt } from './shiftDates';
import { isWellKnownUid, type UidMapper } from './uidMap';

/** How to de-identify one file; every file of one patient gets the same uidMap, shift and pseudonym. */
export interface DeidentifyOptions {
  /** The file's name, for the refusal message. */
  readonly fileName: string;
  /** Replaces every instance UID; pure, so references across files keep resolving (uidMapperFor). */
  readonly uidMap: UidMapper;
  /** Days every date moves (Retain Longitudinal Temporal Information with Modified Dates); null: option off, dates removed. */
  readonly dateShiftDays: number | null;
  /** What Patient's Name and Patient ID become. */
  readonly pseudonym: { readonly name: string; readonly id: string };
  /** Retain Patient Characteristics (default true). */
  readonly retainPatientCharacteristics?: boolean;
  /** Clean Descriptors (default true). */
  readonly cleanDescriptors?: boolean;
  /** Clean Structured Content (default true). */
  readonly cleanStructuredContent?: boolean;
  /** The caller blanked any burned-in text (Clean Pixel Data); lifts the burned-in refusal. */
  readonly pixelsCleaned?: boolean;
}

/** What happened to one attribute, for the preview: X removed, Z emptied, D replaced, U new UID, C cleaned (date shifted), add (marker). */
export interface DeidentifyChange {
  /** Where, e.g. "ReferencedSeriesSequence[0].SeriesInstanceUID". */
  readonly path: string;
  /** "(gggg,eeee)". */
  readonly tag: string;
  readonly action: 'X' | 'Z' | 'D' | 'U' | 'C' | 'add';
  readonly before: string;
  readonly after: string | null;
  readonly reason: string;
}

/** A de-identified dataset and what changed in it. */
export interface Deidentified {
  readonly dataset: NaturalDataset;
  readonly changes: readonly DeidentifyChange[];
}

interface Walk {
  readonly o: ProfileOptions;
  readonly uidMap: UidMapper;
  readonly days: number;
  readonly changes: DeidentifyChange[];
}

/**
 * De-identifies a naturalized dataset by PS3.15 Annex E: Table E.1-1 applied to every attribute
 * at every depth, private attributes removed, instance UIDs replaced through `uidMap`, dates
 * shifted, patient name and ID set to the pseudonym, and the de-identification markers set.
 * The input is not modified; pixel data is shared, not copied. A file whose pixels may show
 * burned-in text is refused with a message naming it (burnedIn.ts).
 */
export function deidentify(dataset: NaturalDataset, options: DeidentifyOptions): Result<Deidentified> {
  const pixelsCleaned = options.pixelsCleaned ?? false;
  const refusal = burnedInRefusal(dataset, options.fileName, pixelsCleaned);
  if (refusal) return err(refusal);
  const o: ProfileOptions = {
    modifiedDates: options.dateShiftDays !== null,
    retainPatientCharacteristics: options.retainPatientCharacteristics ?? true,
    cleanDescriptors: options.cleanDescriptors ?? true,
    cleanStructuredContent: options.cleanStructuredContent ?? true,
  };
  const walk: Walk = { o, uidMap: options.uidMap, days: options.dateShiftDays ?? 0, changes: [] };
  const out = walkDataset(dataset, '', walk);
  const top: NaturalDataset = {
    PatientName: [{ Alphabetic: options.pseudonym.name }],
    PatientID: options.pseudonym.id,
    ...deidentificationMarkers({ ...o, pixelsCleaned }),
  };
  // The walk already listed what the table did to these; the preview shows their final value once.
  const replaced = walk.changes.filter((c) => !(c.path in top));
  walk.changes.length = 0;
  walk.changes.push(...replaced);
  for (const [key, value] of Object.entries(top)) {
    const before = dataset[key];
    walk.changes.push({
      path: key,
      tag: punctuated(attributeInfo(dataset, key).tag),
      action: before === undefined ? 'add' : 'D',
      before: summary(before),
      after: summary(value),
      reason: key.startsWith('Patient') && key !== 'PatientIdentityRemoved' ? 'pseudonym' : 'de-identification marker',
    });
    out[key] = value;
  }
  return ok({ dataset: out, changes: walk.changes });
}

function walkDataset(src: NaturalDataset, prefix: string, walk: Walk): NaturalDataset {
  const out: NaturalDataset = {};
  for (const key of Object.keys(src)) {
    const value = src[key];
    if (BOOKKEEPING_KEYS.has(key)) {
      out[key] = value;
      continue;
    }
    const path = prefix ? `${prefix}.${key}` : key;
    const info = attributeInfo(src, key);
    const tag = punctuated(info.tag);
    if (info.kind !== 'known') {
      const reason = info.kind === 'private' ? 'private attribute' : 'not in the DICOM dictionary, so it cannot be checked';
      walk.changes.push({ path, tag, action: 'X', before: summary(value), after: null, reason });
      continue;
    }
    const decision = resolveAction(key, profileRowForTag(info.tag), info.vr, walk.o);
    const next = apply(decision, key, info.vr, value, path, walk);
    if (next === REMOVED) {
      walk.changes.push({ path, tag, action: 'X', before: summary(value), after: null, reason: decision.reason });
      continue;
    }
    out[key] = next.value;
    if (next.action) walk.changes.push({ path, tag, action: next.action, before: summary(value), after: summary(next.value), reason: decision.reason });
  }
  return out;
}

const REMOVED = Symbol('removed');
type Applied = typeof REMOVED | { value: unknown; action: DeidentifyChange['action'] | null };

function apply(d: Decision, key: string, vr: string, value: unknown, path: string, walk: Walk): Applied {
  if (vr === 'SQ' && d.act === 'D') return { value: [dummyCodeItem()], action: 'D' };
  if (vr === 'SQ' && d.act !== 'X' && d.act !== 'Z') {
    const items = sequenceItems(value);
    return { value: items.map((item, i) => walkDataset(item, `${path}[${i}]`, walk)), action: null };
  }
  switch (d.act) {
    case 'X':
      return REMOVED;
    case 'Z':
      return isEmpty(value) ? { value, action: null } : { value: emptyValue(vr), action: 'Z' };
    case 'D':
      return isEmpty(value) ? { value, action: null } : { value: dummyValue(vr), action: 'D' };
    case 'U':
    case 'K':
    case 'content':
      if (vr !== 'UI') return { value, action: null };
      return mapUids(key, value, walk);
    case 'shift':
      return shiftValue(vr, value, walk.days);
  }
}

function mapUids(key: string, value: unknown, walk: Walk): Applied {
  const one = (v: unknown): unknown => (typeof v === 'string' && v.trim() !== '' && !isWellKnownUid(key, v) ? walk.uidMap(v.trim()) : v);
  const next = Array.isArray(value) ? value.map(one) : one(value);
  const changed = Array.isArray(value) ? (next as unknown[]).some((v, i) => v !== value[i]) : next !== value;
  return { value: next, action: changed ? 'U' : null };
}

function shiftValue(vr: string, value: unknown, days: number): Applied {
  const one = (v: unknown): unknown => {
    if (typeof v !== 'string' || v.trim() === '') return v;
    // A value that is not a date we can move (a range, a partial DT) would leak the original: empty it.
    return (vr === 'DA' ? shiftDa(v, days) : shiftDt(v, days)) ?? '';
  };
  const next = Array.isArray(value) ? value.map(one) : one(value);
  const changed = Array.isArray(value) ? (next as unknown[]).some((v, i) => v !== value[i]) : next !== value;
  return { value: next, action: changed ? 'C' : null };
}

/** A sequence's items: dcmjs gives an array (with the first item's accessors when it has one item). */
function sequenceItems(value: unknown): NaturalDataset[] {
  const list: unknown[] = Array.isArray(value) ? [...value] : value && typeof value === 'object' ? [value] : [];
  return list.filter((x): x is NaturalDataset => typeof x === 'object' && x !== null && !ArrayBuffer.isView(x) && !(x instanceof ArrayBuffer));
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** A value as text for the preview: sequences by item count, binary by size, names by their alphabetic form. */
export function summary(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof ArrayBuffer) return `<${v.byteLength} bytes>`;
  if (ArrayBuffer.isView(v)) return `<${v.byteLength} bytes>`;
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((x) => typeof x === 'object' && x !== null && !('Alphabetic' in x) && !(x instanceof ArrayBuffer))) {
      return `[${v.length} item${v.length === 1 ? '' : 's'}]`;
    }
    return v.map(summary).join('\\');
  }
  if (typeof v === 'object') {
    const p = v as Record<string, unknown>;
    return typeof p.Alphabetic === 'string' ? p.Alphabetic : '[1 item]';
  }
  return String(v);
}

import type { NaturalDataset } from '../part10';
import type { CodedConcept } from '../importTypes';

/**
 * Typed access to dcmjs's naturalized datasets, whose values are `unknown`: other tools'
 * files hold strings where numbers are expected, single values where lists are, and a
 * sequence of one item may come as the item itself. Every reader goes through these so a
 * malformed value reads as absent instead of throwing.
 */

/** The items of a sequence (an array of datasets, or one dataset), [] when absent. */
export function items(v: unknown): NaturalDataset[] {
  if (Array.isArray(v)) return v.filter((x): x is NaturalDataset => typeof x === 'object' && x !== null && !ArrayBuffer.isView(x));
  if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)) return [v as NaturalDataset];
  return [];
}

/** The first item of a sequence attribute, or null. */
export const firstItem = (ds: NaturalDataset | null | undefined, key: string): NaturalDataset | null =>
  ds ? (items(ds[key])[0] ?? null) : null;

/** A trimmed non-empty string (the first value of a multi-valued one), or null. */
export function str(v: unknown): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s === 'number' && Number.isFinite(s)) return String(s);
  if (typeof s !== 'string') return null;
  const t = s.replace(/\0+$/, '').trim();
  return t === '' ? null : t;
}

/** All values of a numeric attribute as finite numbers; null when absent or any is not a number. */
export function nums(v: unknown): number[] | null {
  const list = Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  if (list.length === 0) return null;
  const out: number[] = [];
  for (const x of list) {
    const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
    if (!Number.isFinite(n)) return null;
    out.push(n);
  }
  return out;
}

/** The first value of a numeric attribute, or null. */
export const num = (v: unknown): number | null => nums(v)?.[0] ?? null;

/** Exactly three numbers (a position), or null. */
export function triple(v: unknown): [number, number, number] | null {
  const n = nums(v);
  return n && n.length === 3 ? [n[0]!, n[1]!, n[2]!] : null;
}

/** A coded concept from the first item of a code sequence, or null when it has no value. */
export function code(v: unknown): CodedConcept | null {
  const c = items(v)[0];
  if (!c) return null;
  const value = str(c.CodeValue) ?? str(c.LongCodeValue) ?? str(c.URNCodeValue);
  if (!value) return null;
  return { value, scheme: str(c.CodingSchemeDesignator) ?? '', meaning: str(c.CodeMeaning) ?? value };
}

/** A person name as text (dcmjs gives `[{ Alphabetic }]` or a string), or null. */
export function personName(v: unknown): string | null {
  const first: unknown = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return str(first);
  if (typeof first === 'object' && first !== null) {
    const p = first as Record<string, unknown>;
    return str(p.Alphabetic) ?? str(p.Ideographic) ?? str(p.Phonetic);
  }
  return null;
}

/** True when a concept is (value, scheme), comparing the scheme without regard to case. */
export const isCode = (c: CodedConcept | null, value: string, scheme: string): boolean =>
  c !== null && c.value === value && c.scheme.toUpperCase() === scheme.toUpperCase();

/** "Manufacturer ModelName SoftwareVersions" of what wrote a file, or "unknown producer". */
export function producerOf(ds: NaturalDataset): string {
  const soft = Array.isArray(ds.SoftwareVersions) ? ds.SoftwareVersions.map(str).filter(Boolean).join(' ') : str(ds.SoftwareVersions);
  const parts = [str(ds.Manufacturer), str(ds.ManufacturerModelName), soft || null].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join(' ') : 'unknown producer';
}

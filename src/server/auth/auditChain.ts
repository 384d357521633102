import { createHash } from 'node:crypto';

/** The prev_hash of the first row: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with the keys of every object sorted and undefined members left out, so that the same
 * row read back from either database (whose `json` columns and drivers may order keys
 * differently) always hashes the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: a number that JSON cannot hold');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * A row's hash: sha256 (hex) of the previous row's hash followed by the canonical JSON of the
 * row's fields other than `hash` (prevHash included). Any change to a field, or a row taken out
 * or slipped in, changes this row's hash or breaks the next row's link.
 */
export function chainHash(prevHash: string, fields: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

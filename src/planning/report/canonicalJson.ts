/**
 * The canonical JSON text of a value, so that equal plan content always gives the same bytes
 * (and so the same hash) whatever order its keys were written in: object keys sorted by UTF-16
 * code units, no whitespace, strings and numbers written as JSON.stringify writes them (the
 * shortest round-trip form), as in RFC 8785 (JCS). Properties whose value is undefined are left
 * out, as JSON leaves them out. A value JSON cannot hold (NaN, Infinity, a function, a bigint)
 * throws: a hash of a silently altered value would vouch for something that was never stored.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const record = value as Record<string, unknown>;
      // The default sort compares UTF-16 code units, which is the order JCS prescribes.
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

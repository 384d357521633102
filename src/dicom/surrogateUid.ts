/**
 * A stable stand-in UID for objects whose StudyInstanceUID or SeriesInstanceUID is empty
 * (over-zealous de-identification does this): `2.25.` followed by a 120-bit hash of the
 * fields that identify the study or series, so the same files always group the same way.
 */
export function surrogateUid(parts: readonly (string | number | undefined)[]): string {
  const text = parts.map((p) => (p === undefined ? '' : String(p))).join('\u001f');
  // Two FNV-1a 64-bit hashes with different offsets give 128 bits; 120 are kept.
  const fnv = (offset: bigint): bigint => {
    let h = offset;
    for (let i = 0; i < text.length; i++) {
      h ^= BigInt(text.charCodeAt(i));
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h;
  };
  const value = ((fnv(0xcbf29ce484222325n) << 56n) | (fnv(0x84222325cbf29ce4n) & 0xffffffffffffffn)) & ((1n << 120n) - 1n);
  return `2.25.${value.toString()}`;
}

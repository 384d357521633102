/**
 * CRC-32 as PNG (ISO/IEC 15948 annex D) and zlib's gzip use it: polynomial 0xEDB88320 (reflected),
 * initial value 0xFFFFFFFF, final complement. A PNG chunk's CRC covers its type and data, not its length.
 */

/** The 256-entry lookup table, built once on first use. */
let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  table = t;
  return t;
}

/**
 * Continues a running CRC over `bytes[start, end)`. Pass the previous call's result as `crc`
 * (start with 0) to checksum a chunk's type and data held in separate arrays.
 */
export function crc32Update(crc: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = crcTable();
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = start; i < end; i++) c = t[(c ^ (bytes[i] ?? 0)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 of `bytes[start, end)` as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc32Update(0, bytes, start, end);
}

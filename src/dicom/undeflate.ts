import type { InflateRaw } from './readDicomBytes';

const DEFLATED = '1.2.840.10008.1.2.1.99';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

const u16 = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/**
 * Rewrites a Deflated Explicit VR Little Endian Part 10 file as plain Explicit VR Little Endian
 * (inflated data set, TransferSyntaxUID and group length updated), because Cornerstone's
 * metadata path cannot read deflated data sets. Any other file is returned unchanged.
 */
export function undeflatePart10(bytes: Uint8Array, inflateRaw: InflateRaw): Uint8Array {
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') return bytes;
  type El = { group: number; element: number; vr: string; value: Uint8Array };
  const meta: El[] = [];
  let o = 132;
  while (o + 8 <= bytes.length && u16(bytes, o) === 0x0002) {
    const element = u16(bytes, o + 2);
    const vr = String.fromCharCode(bytes[o + 4] ?? 0, bytes[o + 5] ?? 0);
    const long = LONG_VRS.has(vr);
    const len = long ? u32(bytes, o + 8) : u16(bytes, o + 6);
    const start = o + (long ? 12 : 8);
    meta.push({ group: 2, element, vr, value: bytes.subarray(start, start + len) });
    o = start + len;
  }
  const ts = meta.find((e) => e.element === 0x0010);
  const tsText = ts ? String.fromCharCode(...ts.value).replace(/[\0 ]+$/, '') : '';
  if (tsText !== DEFLATED) return bytes;
  const newTs = new TextEncoder().encode(EXPLICIT_LE + (EXPLICIT_LE.length % 2 ? '\0' : ''));
  const rewritten = meta.filter((e) => e.element !== 0x0000).map((e) => (e.element === 0x0010 ? { ...e, value: newTs } : e));
  const encoded = rewritten.map((e) => {
    const long = LONG_VRS.has(e.vr);
    const head = new Uint8Array(long ? 12 : 8);
    const dv = new DataView(head.buffer);
    dv.setUint16(0, e.group, true);
    dv.setUint16(2, e.element, true);
    head[4] = e.vr.charCodeAt(0);
    head[5] = e.vr.charCodeAt(1);
    if (long) dv.setUint32(8, e.value.length, true);
    else dv.setUint16(6, e.value.length, true);
    return [head, e.value];
  });
  const metaLength = encoded.reduce((n, [h, v]) => n + h!.length + v!.length, 0);
  const body = inflateRaw(bytes.subarray(o));
  const out = new Uint8Array(132 + 12 + metaLength + body.length);
  out.set(bytes.subarray(0, 132), 0);
  const gl = new DataView(out.buffer, 132, 12);
  gl.setUint16(0, 2, true);
  gl.setUint16(2, 0, true);
  out[136] = 0x55; // 'U'
  out[137] = 0x4c; // 'L'
  gl.setUint16(6, 4, true);
  gl.setUint32(8, metaLength, true);
  let p = 144;
  for (const [h, v] of encoded) {
    out.set(h!, p);
    p += h!.length;
    out.set(v!, p);
    p += v!.length;
  }
  out.set(body, p);
  return out;
}

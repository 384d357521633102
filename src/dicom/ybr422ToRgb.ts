import dicomParser from 'dicom-parser';

const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

const clamp8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/**
 * Rewrites an uncompressed 8-bit YBR_FULL_422 image (ultrasound exports write these) as RGB,
 * because Cornerstone shows such native 4:2:2 data as a black image. Each pair of pixels
 * shares one Cb/Cr sample (stored Y1 Y2 Cb Cr); YBR_FULL uses the full-range BT.601
 * equations of PS3.3 C.7.6.3.1.2. Any other file comes back unchanged.
 */
export function ybr422ToRgb(bytes: Uint8Array): Uint8Array {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes);
  } catch {
    return bytes;
  }
  const pi = ds.elements['x00280004'];
  const px = ds.elements['x7fe00010'];
  const ts = ds.string('x00020010') ?? '';
  if (!pi || !px || ds.string('x00280004') !== 'YBR_FULL_422' || !NATIVE.has(ts) || ds.uint16('x00280100') !== 8) return bytes;
  const explicit = ts === '1.2.840.10008.1.2.1';
  const rows = ds.uint16('x00280010') ?? 0;
  const cols = ds.uint16('x00280011') ?? 0;
  const frames = Number(ds.string('x00280008') ?? '1') || 1;
  const n = rows * cols * frames;
  if (px.length < n * 2 || cols % 2 !== 0) return bytes;
  const rgb = new Uint8Array(n * 3);
  for (let p = 0, s = px.dataOffset; p < n; p += 2, s += 4) {
    const cb = (bytes[s + 2] ?? 128) - 128;
    const cr = (bytes[s + 3] ?? 128) - 128;
    for (let k = 0; k < 2; k++) {
      const y = bytes[s + k] ?? 0;
      const o = (p + k) * 3;
      rgb[o] = clamp8(y + 1.402 * cr);
      rgb[o + 1] = clamp8(y - 0.344136 * cb - 0.714136 * cr);
      rgb[o + 2] = clamp8(y + 1.772 * cb);
    }
  }
  // Rebuild: value lengths precede values (2 bytes for a short explicit VR like CS, 4 for OB/OW
  // or for implicit VR); PhotometricInterpretation becomes "RGB " and PixelData the RGB bytes.
  const piLenSize = explicit ? 2 : 4;
  const pxLenSize = 4;
  const newPi = new TextEncoder().encode('RGB ');
  const before = bytes.subarray(0, pi.dataOffset - piLenSize);
  const between = bytes.subarray(pi.dataOffset + pi.length, px.dataOffset - pxLenSize);
  const after = bytes.subarray(px.dataOffset + px.length);
  const out = new Uint8Array(before.length + piLenSize + newPi.length + between.length + pxLenSize + rgb.length + after.length);
  const dv = new DataView(out.buffer);
  let o = 0;
  out.set(before, o);
  o += before.length;
  if (piLenSize === 2) dv.setUint16(o, newPi.length, true);
  else dv.setUint32(o, newPi.length, true);
  o += piLenSize;
  out.set(newPi, o);
  o += newPi.length;
  out.set(between, o);
  o += between.length;
  dv.setUint32(o, rgb.length, true);
  o += pxLenSize;
  out.set(rgb, o);
  o += rgb.length;
  out.set(after, o);
  return out;
}

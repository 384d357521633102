/**
 * A display colour as DICOM's RecommendedDisplayCIELabValue (PS3.3 C.10.7.1.1): sRGB →
 * linear RGB → CIE XYZ (D65) → CIELab, then scaled to unsigned 16 bits: L* 0..100 → 0..0xFFFF,
 * a* and b* −128..127 → 0..0xFFFF. The inverse of the reader's conversion (interop/read), with
 * the same white point, so a colour written here reads back as the same '#rrggbb'.
 */

/** D65 reference white (CIE 1931 2°), Y normalised to 1. */
const WHITE = [0.95047, 1.0, 1.08883] as const;

/** sRGB channel 0..1 to linear light (IEC 61966-2-1). */
const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));

/** The CIELab companding function f (CIE 15:2004). */
function f(t: number): number {
  const d = 6 / 29;
  return t > d * d * d ? Math.cbrt(t) : t / (3 * d * d) + 4 / 29;
}

/** CIELab (L* 0..100, a*, b*) of an sRGB colour given as channels 0..255. */
export function rgbToLab(rgb: readonly [number, number, number]): [number, number, number] {
  const [r, g, b] = rgb.map((c) => linear(c / 255)) as [number, number, number];
  const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
  const fx = f(x / WHITE[0]), fy = f(y / WHITE[1]), fz = f(z / WHITE[2]);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const clamp16 = (v: number): number => Math.min(0xffff, Math.max(0, Math.round(v)));

/** DICOM's scaled 16-bit triple of a CIELab colour. */
export function labToDicom(lab: readonly [number, number, number]): [number, number, number] {
  return [clamp16((lab[0] * 0xffff) / 100), clamp16(((lab[1] + 128) * 0xffff) / 255), clamp16(((lab[2] + 128) * 0xffff) / 255)];
}

/** RecommendedDisplayCIELabValue of a '#rrggbb' colour, or undefined when it is not one. */
export function hexToDicomLab(hex: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return undefined;
  return labToDicom(rgbToLab([parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)]));
}

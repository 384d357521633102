/**
 * DICOM's RecommendedDisplayCIELabValue to a display colour. DICOM scales CIELab into
 * unsigned 16-bit values (PS3.3 C.10.7.1.1): L* 0..100 → 0..0xFFFF, a* and b* −128..127 →
 * 0..0xFFFF. The conversion to sRGB goes through XYZ with the D65 white point, as the
 * common SEG tools (dcmqi, highdicom) do, so a colour written by them round-trips.
 */

/** D65 reference white (CIE 1931 2°), Y normalised to 1. */
const WHITE = [0.95047, 1.0, 1.08883] as const;

/** L*, a*, b* in their natural units from DICOM's scaled 16-bit triple. */
export function dicomLabToLab(scaled: readonly [number, number, number]): [number, number, number] {
  return [(scaled[0] * 100) / 0xffff, (scaled[1] * 255) / 0xffff - 128, (scaled[2] * 255) / 0xffff - 128];
}

/** The inverse CIELab companding function f⁻¹ (CIE 15:2004). */
function fInv(t: number): number {
  const d = 6 / 29;
  return t > d ? t * t * t : 3 * d * d * (t - 4 / 29);
}

/** sRGB companding of a linear channel, clamped to [0, 1]. */
function compand(c: number): number {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  return Math.min(1, Math.max(0, v));
}

/** sRGB channels 0..255 of a CIELab colour (L* 0..100). */
export function labToRgb(lab: readonly [number, number, number]): [number, number, number] {
  const fy = (lab[0] + 16) / 116;
  const fx = fy + lab[1] / 500;
  const fz = fy - lab[2] / 200;
  const x = WHITE[0] * fInv(fx), y = WHITE[1] * fInv(fy), z = WHITE[2] * fInv(fz);
  // XYZ → linear sRGB (IEC 61966-2-1).
  const r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const g = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  const b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  return [r, g, b].map((c) => Math.round(compand(c) * 255)) as [number, number, number];
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** '#rrggbb' of sRGB channels 0..255. */
export const rgbHex = (rgb: readonly [number, number, number]): string => `#${hex2(rgb[0])}${hex2(rgb[1])}${hex2(rgb[2])}`;

/** '#rrggbb' of a DICOM scaled CIELab triple. */
export const dicomLabToHex = (scaled: readonly [number, number, number]): string => rgbHex(labToRgb(dicomLabToLab(scaled)));

/**
 * Colours for segments that recommend none, picked by segment number so the same file
 * shows the same colours every time.
 */
const PALETTE = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#008080'];

/** The palette colour of a segment number. */
export const paletteColour = (segmentNumber: number): string =>
  PALETTE[((Math.max(1, Math.trunc(segmentNumber)) - 1) % PALETTE.length + PALETTE.length) % PALETTE.length]!;

import type { DataSet } from 'dicom-parser';

/**
 * Transfer syntaxes whose Pixel Data (7FE0,0010) is stored native (not encapsulated), so its
 * length follows from the image header. Deflated files are inflated before this is asked.
 */
const NATIVE_SYNTAXES = new Set([
  '1.2.840.10008.1.2', // Implicit VR Little Endian
  '1.2.840.10008.1.2.1', // Explicit VR Little Endian
  '1.2.840.10008.1.2.2', // Explicit VR Big Endian (retired)
  '1.2.840.10008.1.2.1.99', // Deflated Explicit VR Little Endian
]);

/** The header fields that fix how many bytes native pixel data must hold. */
export interface PixelLayout {
  rows: number;
  columns: number;
  bitsAllocated: number;
  samplesPerPixel: number;
  frames: number;
  photometricInterpretation?: string;
}

/**
 * How many bytes native pixel data of this layout needs (PS3.5 8.1.1), without the trailing pad
 * byte of an odd length. 4:2:2 colour (YBR_FULL_422, YBR_PARTIAL_422) keeps two luminance
 * samples and one Cb/Cr pair per two pixels: 2 samples per pixel rather than 3. Bit-packed
 * 1-bit data (overlays, masks) runs across frame ends, so its bits are counted over all frames.
 */
export function nativePixelBytes(l: PixelLayout): number {
  const is422 = l.photometricInterpretation === 'YBR_FULL_422' || l.photometricInterpretation === 'YBR_PARTIAL_422';
  const samplesPerPixel = is422 && l.samplesPerPixel === 3 ? 2 : l.samplesPerPixel;
  const bits = l.rows * l.columns * samplesPerPixel * l.frames * l.bitsAllocated;
  return Math.ceil(bits / 8);
}

const positive = (n: number | undefined): number | undefined => (n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined);

/**
 * Why a parsed object's native Pixel Data is shorter than its header says (rows × columns ×
 * bits allocated × samples per pixel × frames), or undefined when it is long enough or cannot
 * be judged (encapsulated/compressed pixel data, no pixel data, or a header that lacks one of
 * those fields). A file cut short inside its pixel data but with a consistent element length
 * parses without error, and would otherwise be offered as a loadable slice that fails to draw.
 */
export function pixelDataShortfall(ds: DataSet, transferSyntaxUID: string): string | undefined {
  const el = ds.elements['x7fe00010'];
  if (!el || el.encapsulatedPixelData || el.hadUndefinedLength || !NATIVE_SYNTAXES.has(transferSyntaxUID)) return undefined;
  const rows = positive(ds.uint16('x00280010'));
  const columns = positive(ds.uint16('x00280011'));
  const bitsAllocated = positive(ds.uint16('x00280100'));
  if (rows === undefined || columns === undefined || bitsAllocated === undefined) return undefined;
  const samplesPerPixel = positive(ds.uint16('x00280002')) ?? 1;
  const framesText = ds.string('x00280008')?.trim();
  const frames = framesText ? positive(Number(framesText)) ?? 1 : 1;
  const photometricInterpretation = ds.string('x00280004')?.trim();
  const needed = nativePixelBytes({ rows, columns, bitsAllocated, samplesPerPixel, frames, ...(photometricInterpretation ? { photometricInterpretation } : {}) });
  if (el.length >= needed) return undefined;
  const shape = `${rows} × ${columns} × ${bitsAllocated} bits${samplesPerPixel > 1 ? ` × ${samplesPerPixel} samples` : ''} × ${frames} ${frames === 1 ? 'frame' : 'frames'}`;
  return `truncated: PixelData (7FE0,0010) has ${el.length} bytes but the header (${shape}) needs ${needed}`;
}

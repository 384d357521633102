import { readFile } from 'node:fs/promises';
import dicomParser, { type DataSet } from 'dicom-parser';
import { err, type Result } from '../../shared/result';
import { cross, dot, lps, normalize, sub, type Vec3 } from '../../shared/vec3';
import { createPlanningVolume, type PlanningVolume } from '../../planning/lesions';

const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

const numbers = (ds: DataSet, tag: string): number[] =>
  (ds.string(tag) ?? '').split('\\').filter((s) => s !== '').map(Number);

interface Slice {
  file: string;
  ds: DataSet;
  bytes: Uint8Array;
  position: Vec3;
}

/**
 * Reads one single-frame CT series from files into a planning volume (HU as Int16, slices
 * ordered along their stacking direction) for the server's own planning work: the demo plans
 * and the metrics recomputed on save. Only little-endian uncompressed 16-bit files are read
 * here (the embedded sample studies are); anything else fails with a message naming the file.
 */
export async function readSeriesVolume(files: readonly string[]): Promise<Result<PlanningVolume>> {
  if (files.length < 2) return err(`a volume needs at least 2 slices, got ${files.length}`);
  const slices: Slice[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    let ds: DataSet;
    try {
      bytes = new Uint8Array(await readFile(file));
      ds = dicomParser.parseDicom(bytes);
    } catch (e) {
      return err(`${file}: not readable as DICOM (${e instanceof Error ? e.message : String(e)})`);
    }
    const syntax = ds.string('x00020010')?.trim() ?? '';
    if (!UNCOMPRESSED.has(syntax)) return err(`${file}: transfer syntax ${syntax || '(none)'} is not read by the server's volume reader`);
    if (ds.uint16('x00280100') !== 16) return err(`${file}: BitsAllocated must be 16`);
    const p = numbers(ds, 'x00200032');
    if (p.length !== 3 || !p.every(Number.isFinite)) return err(`${file}: ImagePositionPatient (0020,0032) missing or invalid`);
    slices.push({ file, ds, bytes, position: [p[0]!, p[1]!, p[2]!] });
  }
  const first = slices[0]!.ds;
  const o = numbers(first, 'x00200037');
  if (o.length !== 6) return err(`${slices[0]!.file}: ImageOrientationPatient (0020,0037) missing or invalid`);
  const row: Vec3 = normalize([o[0]!, o[1]!, o[2]!]);
  const col: Vec3 = normalize([o[3]!, o[4]!, o[5]!]);
  const normal = cross(row, col);
  slices.sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  const rows = first.uint16('x00280010') ?? 0;
  const columns = first.uint16('x00280011') ?? 0;
  const [rowSpacing, colSpacing] = numbers(first, 'x00280030');
  if (!rowSpacing || !colSpacing) return err(`${slices[0]!.file}: PixelSpacing (0028,0030) missing`);
  const plane = rows * columns;
  const scalars = new Int16Array(plane * slices.length);
  for (let k = 0; k < slices.length; k++) {
    const { ds, bytes, file } = slices[k]!;
    if (ds.uint16('x00280010') !== rows || ds.uint16('x00280011') !== columns) return err(`${file}: size differs from the first slice`);
    const slope = ds.floatString('x00281053') ?? 1;
    const intercept = ds.floatString('x00281052') ?? 0;
    const signed = ds.uint16('x00280103') === 1;
    const el = ds.elements['x7fe00010'];
    if (!el || el.length < 2 * plane) return err(`${file}: PixelData (7FE0,0010) missing or short`);
    const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, 2 * plane);
    const base = k * plane;
    for (let q = 0; q < plane; q++) {
      const raw = signed ? view.getInt16(2 * q, true) : view.getUint16(2 * q, true);
      scalars[base + q] = Math.max(-32768, Math.min(32767, Math.round(raw * slope + intercept)));
    }
  }
  const p0 = slices[0]!.position;
  const span = sub(slices[slices.length - 1]!.position, p0);
  const stacking = Math.hypot(span[0], span[1], span[2]);
  if (stacking === 0) return err('all slices are at the same position');
  return createPlanningVolume(
    {
      dimensions: [columns, rows, slices.length],
      spacing: [colSpacing, rowSpacing, stacking / (slices.length - 1)],
      origin: lps(p0[0], p0[1], p0[2]),
      direction: [row, col, normalize(span)],
    },
    scalars,
  );
}

import dicomParser, { type DataSet } from 'dicom-parser';
import { err, ok, type Result } from '../../shared/result';
import { cross, dot, lps, normalize, sub, type Vec3 } from '../../shared/vec3';
import { createPlanningVolume, type PlanningVolume } from '../../planning/lesions';

const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

/** One Part 10 file's bytes and what to call it in messages (its path, or its SOP Instance UID on the PACS). */
export interface Part10Bytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A CT series read into a volume, with its DICOM Patient Position (0018,5100) when the slices say. */
export interface VolumeFromPart10 {
  readonly volume: PlanningVolume;
  readonly patientPosition: string | null;
}

const numbers = (ds: DataSet, tag: string): number[] =>
  (ds.string(tag) ?? '').split('\\').filter((s) => s !== '').map(Number);

interface Slice {
  name: string;
  ds: DataSet;
  bytes: Uint8Array;
  position: Vec3;
}

/**
 * Reads the Part 10 bytes of one single-frame CT series into a planning volume (HU as Int16,
 * slices ordered along their stacking direction), wherever the bytes came from: files of the
 * embedded source or instances retrieved from the PACS, so both give the very same volume.
 * Only little-endian uncompressed 16-bit slices are read; anything else fails with a message
 * naming the instance and, for a compressed one, its transfer syntax. Instances without pixel
 * data or with several frames (a report, a localizer kept as multi-frame) are left out when
 * `skipNonImages` is set; otherwise the caller has filtered them already.
 */
export function volumeFromPart10(instances: readonly Part10Bytes[], options: { skipNonImages?: boolean } = {}): Result<VolumeFromPart10> {
  const slices: Slice[] = [];
  for (const { name, bytes } of instances) {
    let ds: DataSet;
    try {
      ds = dicomParser.parseDicom(bytes);
    } catch (e) {
      return err(`${name}: not readable as DICOM (${e instanceof Error ? e.message : String(e)})`);
    }
    if (options.skipNonImages && (!ds.elements['x7fe00010'] || Number(ds.string('x00280008') ?? '1') > 1)) continue;
    const syntax = ds.string('x00020010')?.trim() ?? '';
    if (!UNCOMPRESSED.has(syntax)) return err(`${name}: transfer syntax ${syntax || '(none)'} is not read by the server's volume reader`);
    if (ds.uint16('x00280100') !== 16) return err(`${name}: BitsAllocated must be 16`);
    const p = numbers(ds, 'x00200032');
    if (p.length !== 3 || !p.every(Number.isFinite)) return err(`${name}: ImagePositionPatient (0020,0032) missing or invalid`);
    slices.push({ name, ds, bytes, position: [p[0]!, p[1]!, p[2]!] });
  }
  if (slices.length < 2) return err(`a volume needs at least 2 slices, got ${slices.length}`);
  const first = slices[0]!.ds;
  const o = numbers(first, 'x00200037');
  if (o.length !== 6) return err(`${slices[0]!.name}: ImageOrientationPatient (0020,0037) missing or invalid`);
  const row: Vec3 = normalize([o[0]!, o[1]!, o[2]!]);
  const col: Vec3 = normalize([o[3]!, o[4]!, o[5]!]);
  const normal = cross(row, col);
  slices.sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  const rows = first.uint16('x00280010') ?? 0;
  const columns = first.uint16('x00280011') ?? 0;
  const [rowSpacing, colSpacing] = numbers(first, 'x00280030');
  if (!rowSpacing || !colSpacing) return err(`${slices[0]!.name}: PixelSpacing (0028,0030) missing`);
  const plane = rows * columns;
  const scalars = new Int16Array(plane * slices.length);
  for (let k = 0; k < slices.length; k++) {
    const { ds, bytes, name } = slices[k]!;
    if (ds.uint16('x00280010') !== rows || ds.uint16('x00280011') !== columns) return err(`${name}: size differs from the first slice`);
    const slope = ds.floatString('x00281053') ?? 1;
    const intercept = ds.floatString('x00281052') ?? 0;
    const signed = ds.uint16('x00280103') === 1;
    const el = ds.elements['x7fe00010'];
    if (!el || el.length < 2 * plane) return err(`${name}: PixelData (7FE0,0010) missing or short`);
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
  const volume = createPlanningVolume(
    {
      dimensions: [columns, rows, slices.length],
      spacing: [colSpacing, rowSpacing, stacking / (slices.length - 1)],
      origin: lps(p0[0], p0[1], p0[2]),
      direction: [row, col, normalize(span)],
    },
    scalars,
  );
  if (!volume.ok) return volume;
  const patientPosition = slices.map((s) => s.ds.string('x00185100')?.trim()).find((v) => v) ?? null;
  return ok({ volume: volume.value, patientPosition });
}

import dicomParser, { type DataSet } from 'dicom-parser';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { headerFromDataSet } from '../../dicom/readInstanceHeader';
import { ctGridOf } from '../../interop/ctGrid';
import { err, ok, type Result } from '../../shared/result';
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

interface Slice {
  name: string;
  ds: DataSet;
  bytes: Uint8Array;
}

/**
 * Reads the Part 10 bytes of one single-frame CT series into a planning volume (HU as Int16),
 * wherever the bytes came from: files of the embedded source or instances retrieved from the
 * PACS, so both give the very same volume. The grid is {@link ctGridOf}'s, the one the plan's
 * DICOM export and the viewer use: slices that do not form one grid (another series or frame of
 * reference, a repeated position, a gap, uneven steps) fail with its reason. So a PACS that
 * answers only part of a series gives no volume, never a silently thinner one.
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
    slices.push({ name, ds, bytes });
  }
  if (slices.length < 2) return err(`a volume needs at least 2 slices, got ${slices.length}`);
  const byHeader = new Map<InstanceHeader, Slice>(slices.map((slice) => [headerFromDataSet(slice.ds), slice]));
  const grid = ctGridOf([...byHeader.keys()]);
  if (!grid.ok) return err(`the slices do not form one grid: ${grid.error}`);
  const [columns, rows] = grid.value.geometry.dimensions;
  const plane = rows * columns;
  const ordered = grid.value.slices.map((h) => byHeader.get(h)!);
  const scalars = new Int16Array(plane * ordered.length);
  for (let k = 0; k < ordered.length; k++) {
    const { ds, bytes, name } = ordered[k]!;
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
  const volume = createPlanningVolume(grid.value.geometry, scalars);
  if (!volume.ok) return volume;
  const patientPosition = slices.map((s) => s.ds.string('x00185100')?.trim()).find((v) => v) ?? null;
  return ok({ volume: volume.value, patientPosition });
}

import type { InstanceHeader } from '../dicom/instanceHeader';
import { describeInstance, refOf } from '../dicom/geometryIssues';
import { analyzeSpacing, type PositionedSlice } from '../dicom/sliceSpacing';
import { sameOrientation, sliceNormal, type Orientation } from '../dicom/slicePlane';
import type { VolumeGeometry } from '../planning/volume/volumeGeometry';
import { err, ok, type Result } from '../shared/result';
import { dot, lps, normalize, sub, type Vec3 } from '../shared/vec3';

/** The planning CT as a voxel grid, with its slices in grid order. */
export interface CtGrid {
  /** The grid the plan's masks are stored on (same rule as the server's CT reader and the viewer). */
  readonly geometry: VolumeGeometry;
  /** Sorted so that `slices[k]` is grid slice k (ascending along row × column). */
  readonly slices: readonly InstanceHeader[];
  readonly frameOfReferenceUID: string;
  readonly seriesInstanceUID: string;
  readonly studyInstanceUID: string;
}

const name = (h: InstanceHeader): string => describeInstance(refOf(h));

/** The first header lacking a field, as an error naming the field and the instance. */
function missing(slices: readonly InstanceHeader[]): string | undefined {
  const fields: [keyof InstanceHeader, string][] = [
    ['imagePositionPatient', 'ImagePositionPatient (0020,0032)'],
    ['imageOrientationPatient', 'ImageOrientationPatient (0020,0037)'],
    ['pixelSpacing', 'PixelSpacing (0028,0030)'],
    ['rows', 'Rows (0028,0010)'],
    ['columns', 'Columns (0028,0011)'],
    ['frameOfReferenceUID', 'FrameOfReferenceUID (0020,0052)'],
  ];
  for (const h of slices) {
    for (const [key, label] of fields) if (h[key] === undefined) return `${label} missing on ${name(h)}`;
  }
  return undefined;
}

/** The first header that differs from `first` in a way one grid cannot hold. */
function differing(first: InstanceHeader, slices: readonly InstanceHeader[]): string | undefined {
  const o = first.imageOrientationPatient!;
  for (const h of slices) {
    if (h.seriesInstanceUID !== first.seriesInstanceUID) return `SeriesInstanceUID (0020,000E) of ${name(h)} is ${h.seriesInstanceUID}, not ${first.seriesInstanceUID}`;
    if (h.studyInstanceUID !== first.studyInstanceUID) return `StudyInstanceUID (0020,000D) of ${name(h)} is ${h.studyInstanceUID}, not ${first.studyInstanceUID}`;
    if (h.frameOfReferenceUID !== first.frameOfReferenceUID) return `FrameOfReferenceUID (0020,0052) of ${name(h)} is ${h.frameOfReferenceUID ?? '(none)'}, not ${first.frameOfReferenceUID ?? '(none)'}`;
    if ((h.numberOfFrames ?? 1) > 1) return `NumberOfFrames (0028,0008) of ${name(h)} is ${h.numberOfFrames}: a CT grid is built from single-frame slices`;
    if (!sameOrientation(o, h.imageOrientationPatient!)) return `ImageOrientationPatient (0020,0037) of ${name(h)} differs from ${name(first)}`;
    if (h.rows !== first.rows || h.columns !== first.columns) return `Rows/Columns of ${name(h)} (${h.rows}×${h.columns}) differ from ${name(first)} (${first.rows}×${first.columns})`;
    const a = h.pixelSpacing!, b = first.pixelSpacing!;
    if (Math.abs(a[0] - b[0]) > 1e-4 || Math.abs(a[1] - b[1]) > 1e-4) return `PixelSpacing (0028,0030) of ${name(h)} differs from ${name(first)}`;
  }
  return undefined;
}

/**
 * The voxel grid of a single-frame CT series, slices in any order. The server's CT reader
 * (server/planning/volumeFromPart10, for embedded and PACS series) builds its volume on this
 * grid, and the viewer's volume applies the same rule, so grid slice k here is slice k of every
 * mask stored on the plan: slices sorted ascending by their
 * position along the normal row × column (never by file order or InstanceNumber); i along the
 * row cosines with the column spacing (PixelSpacing[1]), j along the column cosines with the
 * row spacing (PixelSpacing[0]); origin the first sorted slice's ImagePositionPatient; k along
 * the stacking direction, first to last position, with the mean step. Fails naming the field
 * and the instance when the slices do not form one grid: a field missing, another series,
 * study, frame of reference, orientation, matrix or pixel spacing, a multi-frame object, fewer
 * than two slices, or positions that repeat, leave gaps or step unevenly (the checks the
 * series browser applies, see dicom/sliceSpacing).
 */
export function ctGridOf(slices: readonly InstanceHeader[]): Result<CtGrid> {
  if (slices.length < 2) return err(`a CT grid needs at least 2 slices, got ${slices.length}`);
  const gap = missing(slices);
  if (gap) return err(gap);
  const first = slices[0]!;
  const differs = differing(first, slices);
  if (differs) return err(differs);

  const normal = sliceNormal(first.imageOrientationPatient as Orientation);
  const positioned: PositionedSlice[] = slices
    .map((header) => ({ header, positionMm: dot(header.imagePositionPatient!, normal) }))
    .sort((a, b) => a.positionMm - b.positionMm || (a.header.instanceNumber ?? 0) - (b.header.instanceNumber ?? 0));
  const spacing = analyzeSpacing(positioned);
  const blocker = spacing.issues.find((i) => i.severity === 'blocker');
  if (blocker) return err(`ImagePositionPatient (0020,0032): ${blocker.message}`);

  const sorted = positioned.map((p) => p.header);
  const base = sorted[0]!;
  const o = base.imageOrientationPatient!;
  const row: Vec3 = normalize([o[0], o[1], o[2]]);
  const col: Vec3 = normalize([o[3], o[4], o[5]]);
  const p0 = base.imagePositionPatient!;
  const span = sub(sorted[sorted.length - 1]!.imagePositionPatient!, p0);
  const stacking = Math.hypot(span[0], span[1], span[2]);
  const [rowSpacing, colSpacing] = base.pixelSpacing!;
  return ok({
    geometry: {
      dimensions: [base.columns!, base.rows!, sorted.length],
      spacing: [colSpacing, rowSpacing, stacking / (sorted.length - 1)],
      origin: lps(p0[0], p0[1], p0[2]),
      direction: [row, col, normalize(span)],
    },
    slices: sorted,
    frameOfReferenceUID: base.frameOfReferenceUID!,
    seriesInstanceUID: base.seriesInstanceUID,
    studyInstanceUID: base.studyInstanceUID,
  });
}

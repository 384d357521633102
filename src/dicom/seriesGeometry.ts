import type { InstanceHeader } from './instanceHeader';
import { dot, type Vec3 } from '../shared/vec3';
import { refOf, type GeometryIssue } from './geometryIssues';
import { analyzeSpacing, type PositionedSlice } from './sliceSpacing';
import { sliceNormal, stepOffNormal, type Orientation } from './slicePlane';
import { partitionSeries } from './seriesContent';
import {
  frameOfReferenceIssues,
  gantryTiltIssue,
  missingGeometryIssue,
  orientationIssues,
  sizeIssue,
} from './seriesChecks';

/** What the geometry check says about one series. */
export interface SeriesGeometryReport {
  /**
   * The images to show, in order: sorted along the slice normal (ascending, so feet to head
   * for a plain axial series) when every image has a position and orientation, otherwise by
   * InstanceNumber. Images of a second orientation and multi-frame objects follow at the end.
   */
  sorted: InstanceHeader[];
  /** Objects left out of the stack: non-image objects, localizers, images without pixel data. */
  excluded: InstanceHeader[];
  /** True when a volume (MPR) can be built from `sorted` without distortion. */
  reconstructable: boolean;
  /** Why MPR is off: the messages of the blocking issues. */
  reasons: string[];
  /** What the user should know although it does not turn MPR off. */
  warnings: string[];
  /** The usual distance between slice planes along the normal, in mm. */
  sliceSpacingMm?: number;
  /** The unit slice normal (row × column) of the main orientation, in patient LPS. */
  normal?: Vec3;
  issues: GeometryIssue[];
}

const byInstanceNumber = (a: InstanceHeader, b: InstanceHeader): number =>
  (a.instanceNumber ?? Infinity) - (b.instanceNumber ?? Infinity) ||
  (a.sopInstanceUID < b.sopInstanceUID ? -1 : a.sopInstanceUID > b.sopInstanceUID ? 1 : 0);

const byPosition = (a: PositionedSlice, b: PositionedSlice): number =>
  a.positionMm - b.positionMm || byInstanceNumber(a.header, b.header);

/** Sorts slices of one orientation along its normal and checks their steps and alignment. */
function placeAlongNormal(slices: readonly InstanceHeader[], orientation: Orientation) {
  const normal = sliceNormal(orientation);
  const positioned = slices
    .map((h) => ({ header: h, positionMm: dot(h.imagePositionPatient ?? [0, 0, 0], normal) }))
    .sort(byPosition);
  const { spacingMm, issues } = analyzeSpacing(positioned);
  const first = positioned[0]?.header.imagePositionPatient;
  const last = positioned[positioned.length - 1]?.header.imagePositionPatient;
  const tilt = first && last ? gantryTiltIssue(stepOffNormal(first, last, normal), spacingMm) : undefined;
  return { sorted: positioned.map((p) => p.header), normal, spacingMm, issues: tilt ? [...issues, tilt] : issues };
}

/** How the slices were ordered, with the findings of the checks that order allows. */
interface Placement {
  volume: InstanceHeader[];
  /** Slices of a second orientation, shown after the volume's slices. */
  others: InstanceHeader[];
  localizers: InstanceHeader[];
  normal?: Vec3;
  spacingMm?: number;
  issues: GeometryIssue[];
}

/** Orders slices along their normal when every one is placed in space, else by InstanceNumber. */
function placeSlices(slices: InstanceHeader[]): Placement {
  const unplaced = slices.filter((h) => !h.imagePositionPatient || !h.imageOrientationPatient);
  if (unplaced.length > 0) {
    return { volume: slices, others: [], localizers: [], issues: [missingGeometryIssue(unplaced, true)] };
  }
  const o = orientationIssues(slices);
  const orientation = o.main[0]?.imageOrientationPatient;
  if (!orientation) return { volume: [], others: [], localizers: [], issues: [] };
  const stack = placeAlongNormal(o.main, orientation);
  const unscaled = stack.sorted.filter((h) => !h.pixelSpacing);
  return {
    volume: stack.sorted,
    others: o.others,
    localizers: o.localizers,
    normal: stack.normal,
    spacingMm: stack.spacingMm,
    issues: [...o.issues, ...stack.issues, ...(unscaled.length > 0 ? [missingGeometryIssue(unscaled, false)] : [])],
  };
}

/**
 * Sorts the instances of one series along the slice normal and checks whether they form a
 * volume that MPR can show without distortion: no gaps, duplicates, uneven steps or gantry
 * tilt, one orientation, one matrix size and pixel spacing, one frame of reference. Non-image
 * objects and localizers are listed and left out; nothing is dropped without an issue saying so.
 */
export function analyzeSeriesGeometry(headers: readonly InstanceHeader[]): SeriesGeometryReport {
  const part = partitionSeries([...headers].sort(byInstanceNumber));
  // A scout series is a stack in InstanceNumber order; its own issue already says why.
  const placed: Placement = part.localizersOnly
    ? { volume: part.slices, others: [], localizers: [], issues: [] }
    : placeSlices(part.slices);
  const issues: GeometryIssue[] = [...part.issues, ...placed.issues];
  const size = part.localizersOnly ? undefined : sizeIssue(placed.volume);
  if (size) issues.push(size);
  const sorted = [...placed.volume, ...placed.others, ...part.multiFrame];
  issues.push(...frameOfReferenceIssues(sorted));
  if (part.slices.length === 1 && part.multiFrame.length === 0 && !part.localizersOnly) {
    issues.push({
      kind: 'single-image',
      severity: 'blocker',
      instances: part.slices.map(refOf),
      message: 'Only one image in this series: MPR needs at least two parallel slices.',
    });
  }

  const blockers = issues.filter((i) => i.severity === 'blocker');
  return {
    sorted,
    excluded: [...part.excluded, ...placed.localizers],
    reconstructable: blockers.length === 0,
    reasons: blockers.map((i) => i.message),
    warnings: issues.filter((i) => i.severity === 'warning').map((i) => i.message),
    ...(placed.spacingMm === undefined ? {} : { sliceSpacingMm: placed.spacingMm }),
    ...(placed.normal === undefined ? {} : { normal: placed.normal }),
    issues,
  };
}

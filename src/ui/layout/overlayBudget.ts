/**
 * How much overlay text a viewport of a given size can carry without one box touching another.
 *
 * The overlay is laid out on a fixed plan (see ViewportPane.css): four corners, each at most half the
 * pane wide minus a gutter for the top and bottom orientation letters, and the left and right letters
 * at mid-height. Two boxes can therefore only meet vertically: a corner growing down (or up) past the
 * side letter. Each corner gets the lines that fit in half the pane's height, dropping the least
 * needed first (patient lines, then zoom, then the slice position).
 */

/** Height of one overlay text line in CSS pixels (12 px type at line-height 1.35, rounded up). */
export const OVERLAY_LINE_PX = 17;
/** Padding of a corner box above and below its lines. */
export const CORNER_PAD_PX = 6;
/** Half the height of a side orientation letter plus a gap: a corner must stop this far above mid-height. */
export const SIDE_LETTER_CLEARANCE_PX = 16;
/** Horizontal gutter each corner leaves at the pane's centre line for the top and bottom letters. */
export const CENTRE_GUTTER_PX = 14;
/** Height of the scale bar block (its label above the bar) in the bottom-right corner. */
export const SCALE_BAR_BLOCK_PX = 24;
/** Band kept free at the bottom of the probe's-eye pane for its depth slider (the bottom texts sit above it). */
export const DEPTH_SLIDER_BAND_PX = 48;
/** Longest scale bar drawn, in CSS pixels. */
export const SCALE_BAR_MAX_PX = 120;

/** What one viewport shows, by corner. */
export interface OverlayBudget {
  /** Patient lines under the view name in the top-left corner (the name always shows). */
  patientLines: number;
  /** Study lines in the top-right corner. */
  studyLines: number;
  /** Slice lines in the bottom-left corner (image number first, then position). */
  sliceLines: number;
  /** Window lines in the bottom-right corner (W/L first, then zoom). */
  windowLines: number;
  /** Whether the scale bar fits above the window lines. */
  scaleBar: boolean;
  /** The longest scale bar, in CSS pixels, that stays inside its corner. */
  scaleMaxPx: number;
}

/** The lines that fit in `px` of corner height. */
function linesIn(px: number): number {
  return Math.max(0, Math.floor((px - 2 * CORNER_PAD_PX) / OVERLAY_LINE_PX));
}

/**
 * The overlay a pane of `width` × `height` CSS pixels can carry, wanting `patient` patient lines,
 * `study` study lines, two slice lines and two window lines; `bottomBandPx` is kept free under the
 * bottom corners (the probe's-eye depth slider).
 */
export function overlayBudget(width: number, height: number, patient: number, study: number, bottomBandPx = 0): OverlayBudget {
  const halfTop = Math.max(0, height / 2 - SIDE_LETTER_CLEARANCE_PX);
  const corner = linesIn(halfTop);
  const half = Math.max(0, halfTop - bottomBandPx);
  const patientLines = Math.max(0, Math.min(patient, corner - 1));
  const studyLines = Math.min(study, corner);
  const sliceLines = Math.min(2, linesIn(half));
  const cornerWidth = width / 2 - CENTRE_GUTTER_PX - 2 * 8;
  const scaleMaxPx = Math.max(0, Math.min(SCALE_BAR_MAX_PX, Math.floor(cornerWidth)));
  // The scale bar goes first in its corner when it fits with at least the W/L line under it.
  const scaleBar = scaleMaxPx >= 30 && linesIn(half - SCALE_BAR_BLOCK_PX) >= 1;
  const windowLines = Math.min(2, linesIn(half - (scaleBar ? SCALE_BAR_BLOCK_PX : 0)));
  return { patientLines, studyLines, sliceLines, windowLines, scaleBar, scaleMaxPx };
}

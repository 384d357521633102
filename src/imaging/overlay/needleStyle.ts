/** Needles within this distance of the view plane are drawn at full strength (mm). */
export const FADE_START_MM = 10;
/** Needles this far from the plane or farther are drawn at the faintest (mm). */
export const FADE_END_MM = 40;
/** The faintest a needle is drawn: still findable, no longer a line across unrelated anatomy. */
export const MIN_NEEDLE_ALPHA = 0.15;
/** The selected needle never fades below this: it is the one being worked on. */
export const MIN_SELECTED_ALPHA = 0.5;

/**
 * How far a needle (the segment between its ends' signed plane distances `entryMm` and
 * `targetMm`) lies from the view plane: 0 when it crosses or touches the plane, otherwise
 * the distance of its nearer end (a segment's nearest point to a plane it does not cross is
 * one of its ends).
 */
export function needleDistanceFromPlaneMm(entryMm: number, targetMm: number): number {
  if (entryMm === 0 || targetMm === 0 || Math.sign(entryMm) !== Math.sign(targetMm)) return 0;
  return Math.min(Math.abs(entryMm), Math.abs(targetMm));
}

/**
 * The opacity factor of a needle `distanceMm` from the plane: 1 up to FADE_START_MM, then
 * falling linearly to MIN_NEEDLE_ALPHA at FADE_END_MM and staying there (the selected needle
 * stops at MIN_SELECTED_ALPHA).
 */
export function needleFadeAlpha(distanceMm: number, selected = false): number {
  const d = Math.abs(distanceMm);
  const floor = selected ? MIN_SELECTED_ALPHA : MIN_NEEDLE_ALPHA;
  if (!(d > FADE_START_MM)) return 1;
  if (d >= FADE_END_MM) return floor;
  return 1 - ((d - FADE_START_MM) / (FADE_END_MM - FADE_START_MM)) * (1 - floor);
}

/** The stroke widths of one needle in one view (px). */
export interface NeedleWidths {
  /** The part in front of the plane or on it (solid). */
  readonly front: number;
  /** The part behind the plane (dashed). */
  readonly behind: number;
}

/**
 * Stroke widths for the needles of one view. A needle's own width is its shaft to scale
 * (`shaftPx`, at least 2 px); the selected needle is drawn 2 px wider than the widest other
 * needle in the view and at least 4 px, on both sides of the plane, so that it is the most
 * prominent line whatever the devices' diameters. The others are drawn half as wide behind
 * the plane as in front.
 */
export function needleWidths(shaftPx: number, selected: boolean, widestOtherShaftPx: number): NeedleWidths {
  const own = Math.max(2, shaftPx);
  if (selected) {
    const w = Math.max(4, own, Math.max(2, widestOtherShaftPx) + 2);
    return { front: w, behind: w };
  }
  return { front: own, behind: Math.max(1, own / 2) };
}

import { dot, sub, type Vec3 } from '../../shared/vec3';

/** A camera as a key image keeps it (world coordinates, LPS mm; parallelScale: half the view's height in mm). */
export interface KeyImageCamera {
  readonly focalPoint: Vec3;
  readonly position: Vec3;
  readonly viewUp: Vec3;
  readonly parallelScale: number;
}

/** What the viewer shows of one view, as a key image saves it. */
export interface CapturedView {
  readonly camera: KeyImageCamera | null;
  /** 0-based image index of a stack view, null for volume views. */
  readonly stackIndex: number | null;
  readonly window: { readonly width: number; readonly center: number };
  readonly sliceNumber: number | null;
  readonly sliceCount: number | null;
}

/** The part of a saved view state that says how to put a viewport back. */
export interface ViewToApply {
  readonly camera: KeyImageCamera | null;
  readonly stackIndex: number | null;
  readonly window: { readonly width: number; readonly center: number };
}

/** What a viewport is told to do to show a saved view again. */
export interface ViewCommands {
  /** The camera to set (copied), or undefined to leave the camera alone. */
  readonly camera: KeyImageCamera | undefined;
  /** The stack image to show, or undefined for volume views. */
  readonly stackIndex: number | undefined;
  /** The VOI range in HU: centre ± width / 2. */
  readonly voiRange: { readonly lower: number; readonly upper: number };
}

/**
 * The commands that reopen a saved view: its camera (slice, plane, zoom and pan in one), its
 * stack image, and its window as the VOI range Cornerstone takes (W 400 / L 40 → −160 … 240 HU).
 */
export function viewCommandsOf(view: ViewToApply): ViewCommands {
  const { width, center } = view.window;
  return {
    camera: view.camera ? { ...view.camera, focalPoint: [...view.camera.focalPoint], position: [...view.camera.position], viewUp: [...view.camera.viewUp] } : undefined,
    stackIndex: view.stackIndex ?? undefined,
    voiRange: { lower: center - width / 2, upper: center + width / 2 },
  };
}

/** The window (width, centre) of a VOI range: the inverse of {@link viewCommandsOf}'s. */
export function windowOfRange(range: { readonly lower: number; readonly upper: number }): { width: number; center: number } {
  return { width: range.upper - range.lower, center: (range.upper + range.lower) / 2 };
}

/**
 * The original slice a key image refers to: the one whose plane lies nearest to the view's
 * focal point, measured along the series' stacking direction (first to last slice position).
 * For an axial view of an axial series that is the slice shown; for a sagittal, coronal or
 * oblique view it is the slice through the centre of the view (one reference, not every slice
 * the plane crosses: the KOS then names the image the presenter was pointing at). Slices
 * without a position are skipped; undefined when no slice has one. A single slice is its own
 * nearest. Ties keep the first.
 */
export function nearestSliceIndex(positions: readonly (Vec3 | undefined)[], focal: Vec3): number | undefined {
  const placed = positions.flatMap((p, i) => (p ? [{ p, i }] : []));
  if (placed.length === 0) return undefined;
  if (placed.length === 1) return placed[0]!.i;
  const first = placed[0]!.p;
  const last = placed[placed.length - 1]!.p;
  const d = sub(last, first);
  const len = Math.hypot(d[0], d[1], d[2]);
  // All slices at one position (a degenerate listing): fall back to plain distance.
  const along = (p: Vec3): number => (len > 1e-6 ? dot(sub(p, first), d) / len : Math.hypot(...sub(p, focal)));
  const target = len > 1e-6 ? along(focal) : 0;
  let best = placed[0]!;
  let bestDistance = Math.abs(along(best.p) - target);
  for (const c of placed.slice(1)) {
    const distance = Math.abs(along(c.p) - target);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best.i;
}

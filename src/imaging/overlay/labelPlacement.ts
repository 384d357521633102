import type { CanvasPoint } from './viewPlane';

/** An axis-aligned box on the canvas, CSS px, (x, y) its top-left corner. */
export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A label that wants a place near a point of its needle. */
export interface LabelRequest {
  readonly id: string;
  /** The point on the needle the label names (its leader line ends here). */
  readonly anchor: CanvasPoint;
  readonly width: number;
  readonly height: number;
}

/** A label placed: its box and the leader line from the box to its needle. */
export interface PlacedLabel {
  readonly id: string;
  readonly box: LabelBox;
  /** The leader runs from a point of the box's outline to the anchor on the needle. */
  readonly leader: { readonly from: CanvasPoint; readonly to: CanvasPoint };
}

/** The view's size and what labels must keep clear of (a legend, say). */
export interface PlacementArea {
  readonly width: number;
  readonly height: number;
  readonly obstacles?: readonly LabelBox[];
  /** Clear space kept between boxes and from the view's edge (px). */
  readonly gapPx?: number;
}

/** Whether two boxes overlap (touching edges do not count). */
export const boxesIntersect = (a: LabelBox, b: LabelBox): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const grow = (b: LabelBox, g: number): LabelBox => ({ x: b.x - g, y: b.y - g, width: b.width + 2 * g, height: b.height + 2 * g });

/** The point of a box's outline (or inside it) nearest to `p`. */
export function nearestPointOnBox(b: LabelBox, p: CanvasPoint): CanvasPoint {
  return { x: Math.min(Math.max(p.x, b.x), b.x + b.width), y: Math.min(Math.max(p.y, b.y), b.y + b.height) };
}

/** Distances (px) of the candidate rings from the anchor: the first ring sits the box right beside it. */
const RINGS = [8, 22, 40, 62, 90, 125, 170];
/** Directions tried on each ring, starting up-right (where a single label has always been drawn). */
const DIRECTIONS = Array.from({ length: 12 }, (_, i) => -Math.PI / 4 + (i * Math.PI) / 6);

/**
 * Candidate boxes around an anchor, nearest first: on each ring, the box is pushed out from
 * the anchor in one direction so that its nearest corner or edge lies at the ring's distance.
 */
function* candidates(r: LabelRequest): Generator<LabelBox> {
  const { anchor: a, width: w, height: h } = r;
  for (const d of RINGS) {
    for (const t of DIRECTIONS) {
      const cx = Math.cos(t), cy = Math.sin(t);
      // The box's centre offset so that its half-extent along the direction is cleared.
      const reach = d + Math.abs(cx) * (w / 2) + Math.abs(cy) * (h / 2);
      yield { x: a.x + cx * reach - w / 2, y: a.y + cy * reach - h / 2, width: w, height: h };
    }
  }
}

/** Every position of a coarse grid over the area, nearest to the anchor first (the last resort). */
function gridCandidates(r: LabelRequest, area: PlacementArea, gap: number): LabelBox[] {
  const out: LabelBox[] = [];
  const step = Math.max(6, Math.min(r.width, r.height));
  for (let y = gap; y + r.height <= area.height - gap; y += step) {
    for (let x = gap; x + r.width <= area.width - gap; x += step) out.push({ x, y, width: r.width, height: r.height });
  }
  const dist = (b: LabelBox): number => {
    const n = nearestPointOnBox(b, r.anchor);
    return Math.hypot(n.x - r.anchor.x, n.y - r.anchor.y);
  };
  return out.sort((a, b) => dist(a) - dist(b));
}

/**
 * Places labels greedily, in the order given (put the selected needle first): each takes the
 * nearest free spot around its anchor that stays inside the view, clear of the boxes already
 * placed and of the obstacles; failing every ring, the nearest free spot anywhere in the view.
 * A label with no free spot at all (a view too small for them) is left out rather than drawn
 * over another: the boxes returned never intersect each other or an obstacle.
 */
export function placeLabels(requests: readonly LabelRequest[], area: PlacementArea): PlacedLabel[] {
  const gap = area.gapPx ?? 2;
  const taken: LabelBox[] = (area.obstacles ?? []).map((o) => grow(o, gap));
  const placed: PlacedLabel[] = [];
  const fits = (b: LabelBox): boolean =>
    b.x >= gap && b.y >= gap && b.x + b.width <= area.width - gap && b.y + b.height <= area.height - gap && !taken.some((t) => boxesIntersect(t, b));
  for (const r of requests) {
    if (!(r.width > 0 && r.height > 0)) continue;
    let found: LabelBox | undefined;
    for (const b of candidates(r)) {
      if (fits(b)) {
        found = b;
        break;
      }
    }
    found ??= gridCandidates(r, area, gap).find(fits);
    if (!found) continue;
    taken.push(grow(found, gap));
    placed.push({ id: r.id, box: found, leader: { from: nearestPointOnBox(found, r.anchor), to: r.anchor } });
  }
  return placed;
}

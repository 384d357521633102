import type { Vec3 } from '../../shared/vec3';
import { placeLabels, type LabelBox, type LabelRequest, type PlacedLabel } from './labelPlacement';
import { needleDistanceFromPlaneMm, needleFadeAlpha, needleWidths } from './needleStyle';
import { trajectoryOnPlane, type CanvasSegment, type TrajectoryOnPlane } from './trajectoryOnPlane';
import { shaftHalfWidthPx, type CanvasPoint, type ViewPlane } from './viewPlane';

/** One needle to draw. */
export interface NeedleToDraw {
  readonly id: string;
  /** The text of its label (its tag, with the full name when selected). */
  readonly text: string;
  readonly entry: Vec3;
  readonly target: Vec3;
  readonly radiusMm: number;
  readonly selected: boolean;
}

/** What was drawn of one needle: for tests and for checking the selected one stands out. */
export interface NeedleDrawn {
  readonly id: string;
  readonly selected: boolean;
  /** The widest stroke used for its shaft (px). */
  readonly lineWidth: number;
  /** Its opacity factor from its distance to the plane. */
  readonly alpha: number;
}

/** Needles lying within this distance of the plane along their whole length count as in it (mm). */
const IN_PLANE_MM = 0.5;
const SELECTED_COLOUR = '#ffe066';
const OTHER_COLOUR = '#63e6be';
const LABEL_FONT = '12px system-ui, sans-serif';
const LABEL_PAD_PX = 3;
const LABEL_HEIGHT_PX = 17;

const inside = (p: CanvasPoint, w: number, h: number): boolean => p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h;

/**
 * The point a needle's label names: its entry end when on the canvas, else the first point
 * from the entry towards the tip that is (the needle enters the view there), else none.
 */
export function labelAnchor(p: Pick<TrajectoryOnPlane, 'entry' | 'target'>, width: number, height: number): CanvasPoint | undefined {
  const steps = 64;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const q = { x: p.entry.x + t * (p.target.x - p.entry.x), y: p.entry.y + t * (p.target.y - p.entry.y) };
    if (inside(q, width, height)) return q;
  }
  return undefined;
}

function strokeSegment(ctx: CanvasRenderingContext2D, s: CanvasSegment, width: number, dash: readonly number[]): void {
  ctx.beginPath();
  ctx.moveTo(s.from.x, s.from.y);
  ctx.lineTo(s.to.x, s.to.y);
  ctx.lineWidth = width;
  ctx.setLineDash([...dash]);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Draws one needle's shaft, crossing ring, tip and entry marks. */
function drawShaft(ctx: CanvasRenderingContext2D, p: TrajectoryOnPlane, n: NeedleToDraw, front: number, behind: number, alpha: number): void {
  const colour = n.selected ? SELECTED_COLOUR : OTHER_COLOUR;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineCap = 'round';
  // A needle lying in the plane (the in-plane views of the selected one) is drawn whole and
  // solid: rounding would otherwise put it a hair behind the plane, thin and dashed.
  const inPlane = Math.abs(p.entryDistanceMm) <= IN_PLANE_MM && Math.abs(p.targetDistanceMm) <= IN_PLANE_MM;
  if (inPlane) {
    ctx.globalAlpha = alpha * 0.85;
    strokeSegment(ctx, { from: p.entry, to: p.target }, front, []);
  } else {
    if (p.behind) {
      ctx.globalAlpha = alpha * 0.55;
      strokeSegment(ctx, p.behind, behind, [6, 5]);
    }
    if (p.front) {
      ctx.globalAlpha = alpha * 0.85;
      strokeSegment(ctx, p.front, front, []);
    }
  }
  ctx.globalAlpha = alpha;
  if (p.inSlab && !inPlane) {
    ctx.strokeStyle = '#ffffff';
    strokeSegment(ctx, p.inSlab, 1, []);
  }
  if (p.crossing) {
    ctx.beginPath();
    ctx.arc(p.crossing.x, p.crossing.y, Math.max(4, front / 2 + 2), 0, 2 * Math.PI);
    ctx.strokeStyle = '#ff922b';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  // Tip: a filled dot when on this slice, a ring otherwise; entry: a square.
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(p.target.x, p.target.y, 4, 0, 2 * Math.PI);
  if (p.targetInSlab) ctx.fill();
  else ctx.stroke();
  ctx.strokeRect(p.entry.x - 4, p.entry.y - 4, 8, 8);
  if (p.entryInSlab) ctx.fillRect(p.entry.x - 4, p.entry.y - 4, 8, 8);
  ctx.globalAlpha = 1;
}

function drawLabel(ctx: CanvasRenderingContext2D, l: PlacedLabel, n: NeedleToDraw, alpha: number): void {
  const colour = n.selected ? SELECTED_COLOUR : OTHER_COLOUR;
  const { box, leader } = l;
  ctx.globalAlpha = Math.max(0.6, alpha);
  // A leader only where the box does not already touch its needle's end.
  if (Math.hypot(leader.from.x - leader.to.x, leader.from.y - leader.to.y) > 6) {
    ctx.beginPath();
    ctx.moveTo(leader.from.x, leader.from.y);
    ctx.lineTo(leader.to.x, leader.to.y);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  ctx.fillStyle = 'rgba(10, 12, 16, 0.7)';
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.fillStyle = colour;
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  ctx.fillText(n.text, box.x + LABEL_PAD_PX, box.y + box.height / 2);
  ctx.textBaseline = 'alphabetic';
  ctx.globalAlpha = 1;
}

/**
 * Draws the needles over a view: faded by their distance from the plane, the selected one
 * widest and on top, each with a label placed clear of the others (and of `obstacles`, such
 * as the legend) with a leader line to its needle.
 */
export function paintNeedles(
  ctx: CanvasRenderingContext2D,
  plane: ViewPlane,
  needles: readonly NeedleToDraw[],
  obstacles: readonly LabelBox[],
): { needles: NeedleDrawn[]; labels: PlacedLabel[] } {
  const seen = needles.map((n) => ({ n, p: trajectoryOnPlane(n.entry, n.target, plane, 1.5), shaft: 2 * shaftHalfWidthPx(n.radiusMm, plane) }));
  const widestOther = Math.max(0, ...seen.filter((s) => !s.n.selected).map((s) => Math.max(2, s.shaft)));
  // The selected needle last, so that it is drawn over the others.
  const order = [...seen].sort((a, b) => Number(a.n.selected) - Number(b.n.selected));
  const drawn: NeedleDrawn[] = [];
  const alphaOf = new Map<string, number>();
  for (const { n, p, shaft } of order) {
    const w = needleWidths(shaft, n.selected, widestOther);
    const alpha = needleFadeAlpha(needleDistanceFromPlaneMm(p.entryDistanceMm, p.targetDistanceMm), n.selected);
    drawShaft(ctx, p, n, w.front, w.behind, alpha);
    alphaOf.set(n.id, alpha);
    drawn.push({ id: n.id, selected: n.selected, lineWidth: Math.max(w.front, w.behind), alpha });
  }
  ctx.font = LABEL_FONT;
  const requests: LabelRequest[] = [];
  // The selected needle's label first: it gets the place nearest its needle.
  for (const { n, p } of [...order].reverse()) {
    const anchor = labelAnchor(p, plane.width, plane.height);
    if (anchor) requests.push({ id: n.id, anchor, width: Math.ceil(ctx.measureText(n.text).width) + 2 * LABEL_PAD_PX, height: LABEL_HEIGHT_PX });
  }
  const labels = placeLabels(requests, { width: plane.width, height: plane.height, obstacles });
  const byId = new Map(needles.map((n) => [n.id, n]));
  for (const l of labels) {
    const n = byId.get(l.id);
    if (n) drawLabel(ctx, l, n, alphaOf.get(l.id) ?? 1);
  }
  return { needles: drawn, labels };
}

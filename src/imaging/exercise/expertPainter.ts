import type { ViewerSession } from '../viewerSession';
import type { ViewPlane } from '../overlay/viewPlane';
import { referenceNeedleMarks, type ReferenceNeedle } from './expertMarks';

/** The expert's colour: magenta, apart from the plan's yellow and teal needles, red lesions and zone colours. */
export const EXPERT_COLOUR = '#ff3df5';

/**
 * Paints an exercise's expert needles over a 2D view, read-only: the part near the slice solid,
 * the whole projection thin and dashed, the tip marked, each labelled "Expert", and a legend.
 * The overlay canvas carries `data-expert-needles` (how many it drew) for browser tests.
 */
export function paintExpertNeedles(ctx: CanvasRenderingContext2D, plane: ViewPlane, needles: readonly ReferenceNeedle[]): number {
  const marks = referenceNeedleMarks(needles, plane).filter((m) => m.onCanvas);
  ctx.save();
  ctx.strokeStyle = EXPERT_COLOUR;
  ctx.fillStyle = EXPERT_COLOUR;
  ctx.font = 'bold 12px sans-serif';
  for (const m of marks) {
    ctx.lineWidth = 1.25;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(m.projection.from.x, m.projection.from.y);
    ctx.lineTo(m.projection.to.x, m.projection.to.y);
    ctx.stroke();
    ctx.setLineDash([]);
    if (m.solid) {
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(m.solid.from.x, m.solid.from.y);
      ctx.lineTo(m.solid.to.x, m.solid.to.y);
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.arc(m.tip.x, m.tip.y, 5, 0, 2 * Math.PI);
    ctx.lineWidth = 2;
    if (m.tipOnSlice) ctx.fill();
    else ctx.stroke();
    // The label beside the tip, on the side with room for it (never off the view's edge).
    // A long device name would cover the anatomy: the label is cut to a few words.
    const short = m.label.length > 18 ? `${m.label.slice(0, 17).trimEnd()}…` : m.label;
    const label = `Expert${short ? ` · ${short}` : ''}`;
    const w = ctx.measureText(label).width;
    ctx.fillText(label, m.tip.x + 8 + w > plane.width - 4 ? Math.max(4, m.tip.x - 8 - w) : m.tip.x + 8, m.tip.y - 8);
  }
  if (needles.length) {
    // Bottom left, above the slice and position lines (the corners hold the viewer's own text).
    const text = 'Expert plan (read-only)';
    const x = 8, y = plane.height - 64;
    ctx.fillRect(x, y - 9, 10, 10);
    ctx.fillStyle = '#e9ecef';
    ctx.fillText(text, x + 14, y);
  }
  ctx.restore();
  ctx.canvas.dataset.expertNeedles = String(marks.length);
  return marks.length;
}

/** Draws the expert needles on every 2D view of a session until the returned teardown is called. */
export function attachExpertPainter(session: ViewerSession, needles: readonly ReferenceNeedle[]): () => void {
  session.setLayerPainter('reference', (_slot, ctx, plane) => void paintExpertNeedles(ctx, plane, needles));
  return () => session.setLayerPainter('reference', undefined);
}

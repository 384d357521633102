import type { ZoneEllipsoid } from '../../planning/devices/deviceSchema';
import type { LabelBox } from './labelPlacement';

/** How one zone's contour is stroked. */
export interface ZoneStroke {
  readonly colour: string;
  readonly width: number;
  /** Canvas dash pattern; empty for a solid line. */
  readonly dash: readonly number[];
}

const ISOTHERM_COLOURS: Readonly<Record<string, string>> = { '0': '#e6f7ff', '-20': '#4dabf7', '-40': '#9775fa' };
const LETHAL_COLOUR = '#ff6b6b';
const OTHER_COLOUR = '#ffd43b';

/**
 * The stroke of a zone's contour: the cryo isotherms 0, −20 and −40 °C in their own colours,
 * the lethal zone red and solid, any other zone yellow; non-lethal zones dashed. The painter
 * and the legend both take it from here, so the legend can never disagree with the contours.
 */
export function zoneStroke(zone: Pick<ZoneEllipsoid, 'isothermC' | 'lethal'>): ZoneStroke {
  const colour = (zone.isothermC !== null ? ISOTHERM_COLOURS[String(zone.isothermC)] : undefined) ?? (zone.lethal ? LETHAL_COLOUR : OTHER_COLOUR);
  return { colour, width: zone.lethal ? 2 : 1.2, dash: zone.lethal ? [] : [5, 4] };
}

/** One line of a view's isotherm legend. */
export interface LegendEntry extends ZoneStroke {
  readonly text: string;
}

/** "−20 °C" with a true minus sign, as printed. */
const celsius = (c: number): string => `${c < 0 ? '−' : ''}${Math.abs(c)} °C`;

/**
 * The text naming a zone's contour: its isotherm (and "lethal" for the zone that counts as
 * ablated), or for a heat zone (no isotherm) "Ablation zone" or "Heat zone".
 */
export function zoneLegendText(zone: Pick<ZoneEllipsoid, 'isothermC' | 'lethal'>): string {
  if (zone.isothermC === null) return zone.lethal ? 'Ablation zone (lethal)' : 'Heat zone';
  return zone.lethal ? `${celsius(zone.isothermC)} lethal` : celsius(zone.isothermC);
}

/**
 * The legend of the zones drawn in a view: one entry per distinct text, coldest isotherm
 * last and heat zones after the isotherms, in the zones' own strokes.
 */
export function legendEntries(zones: readonly Pick<ZoneEllipsoid, 'isothermC' | 'lethal'>[]): LegendEntry[] {
  const byText = new Map<string, { entry: LegendEntry; order: number }>();
  for (const z of zones) {
    const text = zoneLegendText(z);
    if (!byText.has(text)) byText.set(text, { entry: { text, ...zoneStroke(z) }, order: z.isothermC === null ? Number.NEGATIVE_INFINITY : z.isothermC });
  }
  return [...byText.values()].sort((a, b) => b.order - a.order).map((x) => x.entry);
}

const ROW_PX = 16;
const SWATCH_PX = 22;
const PAD_PX = 6;

/**
 * The legend's top (px): above the bottom-left corner text (about 48 px, over any band the
 * view keeps at its bottom), or, in a view too
 * short for that to clear the left orientation letter, just under the top-left corner text.
 */
export function legendTop(viewHeight: number, legendHeight: number, bottomBandPx = 0): number {
  const bottom = viewHeight - bottomBandPx - 48 - legendHeight;
  return bottom >= viewHeight / 2 + 14 ? bottom : 80;
}

/**
 * Draws the legend at the view's left edge, clear of the corner texts, and returns its box
 * (for the labels to keep clear of), or undefined when there is nothing to show.
 */
export function drawLegend(ctx: CanvasRenderingContext2D, entries: readonly LegendEntry[], viewHeight: number, bottomBandPx = 0): LabelBox | undefined {
  if (entries.length === 0) return undefined;
  ctx.save();
  ctx.font = '11px system-ui, sans-serif';
  const textWidth = Math.max(...entries.map((e) => ctx.measureText(e.text).width));
  const width = PAD_PX * 3 + SWATCH_PX + textWidth;
  const height = PAD_PX * 2 + entries.length * ROW_PX;
  // Bottom left, above the slice text and below the left orientation letter when there is room.
  const box: LabelBox = { x: 6, y: Math.max(legendTop(viewHeight, height, bottomBandPx), 4), width, height };
  ctx.fillStyle = 'rgba(10, 12, 16, 0.72)';
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.textBaseline = 'middle';
  entries.forEach((e, i) => {
    const y = box.y + PAD_PX + ROW_PX * i + ROW_PX / 2;
    ctx.beginPath();
    ctx.moveTo(box.x + PAD_PX, y);
    ctx.lineTo(box.x + PAD_PX + SWATCH_PX, y);
    ctx.strokeStyle = e.colour;
    ctx.lineWidth = e.width;
    ctx.setLineDash([...e.dash]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#e9ecef';
    ctx.fillText(e.text, box.x + PAD_PX * 2 + SWATCH_PX, y);
  });
  ctx.restore();
  return box;
}

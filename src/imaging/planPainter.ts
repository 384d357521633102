import type { ViewportSlot } from './types';
import { MaskLayers } from './overlay/maskLayers';
import { trajectoryOnPlane } from './overlay/trajectoryOnPlane';
import { spheroidSection } from './overlay/spheroidSection';
import { worldToCanvas, type CanvasPoint, type ViewPlane } from './overlay/viewPlane';
import { paintNeedles, type NeedleDrawn, type NeedleToDraw } from './overlay/needleLayer';
import { drawLegend, legendEntries, zoneStroke, type LegendEntry } from './overlay/isothermLegend';
import type { PlacedLabel } from './overlay/labelPlacement';
import { bottomBandPx, viewChrome } from './overlay/viewChrome';
import type { VolumeGeometry, VoxelMask } from '../planning/lesions';
import type { PlanStoreSnapshot } from '../planning/plan/planStore';
import { trajectoryTags } from '../planning/plan/trajectoryTags';
import type { Trajectory } from '../planning/trajectory/trajectorySchema';
import { deviceById, zoneSetOf } from '../planning/devices/deviceById';
import type { DeviceCatalogue, ZoneEllipsoid } from '../planning/devices/deviceSchema';
import { placeZones } from '../planning/zones/placeZones';
import { lps, sub, type Vec3 } from '../shared/vec3';
import { structureDisplayColour } from '../planning/records/structureDisplayColour';

/** What one paint of the plan over a view needs to know. */
export interface PaintState {
  readonly plan: PlanStoreSnapshot;
  /** The loaded volume's grid; masks are not drawn without it. */
  readonly geometry: VolumeGeometry | undefined;
  readonly options: { readonly opacity: number; readonly fill: boolean; readonly brushRadiusMm: number };
  readonly tool: string | null;
  /** The first point of a needle being placed. */
  readonly pending: { readonly first: Vec3 } | null;
  readonly hover: { readonly slot: ViewportSlot; readonly world: Vec3; readonly canvas: CanvasPoint } | null;
  /** A threshold box being dragged. */
  readonly box: { readonly slot: ViewportSlot; readonly startCanvas: CanvasPoint } | null;
}

/** What one paint drew over a view, kept for tests and for reading back what is on screen. */
export interface ViewDrawReport {
  readonly needles: readonly NeedleDrawn[];
  readonly labels: readonly PlacedLabel[];
  readonly legend: readonly LegendEntry[];
  /** The view's size at that paint (CSS px). */
  readonly width: number;
  readonly height: number;
}

/**
 * Paints a plan over a 2D view (any plane, oblique ones included): masks filled and outlined,
 * ablation zones as isotherm contours with their legend, needles (see ./overlay/needleLayer:
 * faded with distance, the selected one widest, labels kept apart), and the gesture under way. Keeps each mask's layer per
 * view so that moving a needle does not resample the masks.
 */
export class PlanPainter {
  constructor(private readonly catalogue: DeviceCatalogue) {}

  private readonly reports = new Map<ViewportSlot, ViewDrawReport>();

  /** What the last paint of a view drew of the needles, their labels and the legend (CSS px). */
  report(slot: ViewportSlot): ViewDrawReport | undefined {
    return this.reports.get(slot);
  }

  /** Draws the plan over one view: masks, zones, needles, and the gesture under way. */
  paint(slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlane, s: PaintState): void {
    const snap = s.plan;
    const geometry = s.geometry;
    const { opacity, fill } = s.options;
    if (geometry) {
      const masks: { mask: VoxelMask; colour: string; selected: boolean }[] = [];
      for (const s of snap.draft.structures) if (s.mask && !snap.hidden.has(s.record.id)) masks.push({ mask: s.mask, colour: structureDisplayColour(s.record), selected: snap.selection?.id === s.record.id });
      for (const l of snap.draft.lesions) if (l.mask && !snap.hidden.has(l.record.id)) masks.push({ mask: l.mask, colour: l.record.colour, selected: snap.selection?.id === l.record.id });
      for (const m of masks) this.paintMask(ctx, slot, plane, m.mask, geometry, m.colour, fill ? opacity : 0, m.selected);
    }
    const zones: ZoneEllipsoid[] = [];
    for (const t of snap.draft.trajectories) {
      if (snap.hidden.has(t.id)) continue;
      zones.push(...this.paintZones(ctx, plane, t));
    }
    const legend = legendEntries(zones);
    const legendBox = drawLegend(ctx, legend, plane.height, bottomBandPx(slot));
    const tags = trajectoryTags(snap.draft.trajectories, this.catalogue);
    const needles: NeedleToDraw[] = [];
    for (const t of snap.draft.trajectories) {
      if (snap.hidden.has(t.id)) continue;
      const selected = snap.selection?.id === t.id;
      const tag = tags.get(t.id) ?? '';
      const radiusMm = (deviceById(this.catalogue, t.deviceId)?.outerDiameterMm ?? 2) / 2;
      // Full labels pile up where several needles meet; the tag (C1, B2 …) names each, the panel the rest.
      needles.push({ id: t.id, text: selected && t.label !== tag ? `${tag} ${t.label}` : tag, entry: t.entry, target: t.target, radiusMm, selected });
      if (selected && slot === 'probe') this.paintProbeMark(ctx, plane, t);
    }
    const obstacles = [...viewChrome(slot, plane.width, plane.height), ...(legendBox ? [legendBox] : [])];
    const drawn = paintNeedles(ctx, plane, needles, obstacles);
    this.reports.set(slot, { ...drawn, legend, width: plane.width, height: plane.height });
    this.paintPending(ctx, plane, slot, s);
    this.paintCursor(ctx, plane, slot, s);
  }

  private readonly masks = new MaskLayers();

  private paintMask(
    ctx: CanvasRenderingContext2D,
    slot: ViewportSlot,
    plane: ViewPlane,
    mask: VoxelMask,
    geometry: VolumeGeometry,
    colour: string,
    alpha: number,
    selected: boolean,
  ): void {
    this.masks.paint(ctx, slot, plane, mask, geometry, { colour, fillAlpha: alpha, lineWidth: selected ? 2.5 : 1.5 });
  }

  /** Draws a trajectory's zones as contours; returns the zones whose contour this view shows. */
  private paintZones(ctx: CanvasRenderingContext2D, plane: ViewPlane, t: Trajectory): ZoneEllipsoid[] {
    const device = deviceById(this.catalogue, t.deviceId);
    const set = device ? zoneSetOf(device, t.zoneSetId) : undefined;
    if (!set) return [];
    const shown: ZoneEllipsoid[] = [];
    for (const z of placeZones(lps(...t.entry), lps(...t.target), set)) {
      const e = spheroidSection(z.shape, plane);
      if (!e) continue;
      const stroke = zoneStroke(z.zone);
      ctx.beginPath();
      ctx.ellipse(e.cx, e.cy, e.rx, e.ry, e.rotation, 0, 2 * Math.PI);
      ctx.strokeStyle = stroke.colour;
      ctx.lineWidth = stroke.width;
      ctx.setLineDash([...stroke.dash]);
      ctx.stroke();
      ctx.setLineDash([]);
      shown.push(z.zone);
    }
    return shown;
  }

  private paintProbeMark(ctx: CanvasRenderingContext2D, plane: ViewPlane, t: Trajectory): void {
    // Where the selected needle pierces the probe's-eye slice (its depth reads in the slider).
    const p = trajectoryOnPlane(t.entry, t.target, plane, 1.5);
    const c = p.crossing ?? worldToCanvas(plane, t.target);
    ctx.strokeStyle = '#ffe066';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(c.x - 14, c.y);
    ctx.lineTo(c.x + 14, c.y);
    ctx.moveTo(c.x, c.y - 14);
    ctx.lineTo(c.x, c.y + 14);
    ctx.stroke();
  }

  private paintPending(ctx: CanvasRenderingContext2D, plane: ViewPlane, slot: ViewportSlot, s: PaintState): void {
    const pending = s.pending;
    if (!pending || s.tool !== 'trajectory') return;
    const a = worldToCanvas(plane, pending.first);
    ctx.fillStyle = '#ffe066';
    ctx.beginPath();
    ctx.arc(a.x, a.y, 4, 0, 2 * Math.PI);
    ctx.fill();
    if (s.hover?.slot === slot) {
      ctx.strokeStyle = '#ffe066';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(s.hover.canvas.x, s.hover.canvas.y);
      ctx.stroke();
      ctx.setLineDash([]);
      const d = Math.hypot(...sub(s.hover.world, pending.first));
      ctx.fillStyle = '#ffe066';
      ctx.fillText(`${d.toFixed(1)} mm`, s.hover.canvas.x + 8, s.hover.canvas.y + 14);
    }
  }

  private paintCursor(ctx: CanvasRenderingContext2D, plane: ViewPlane, slot: ViewportSlot, s: PaintState): void {
    const tool = s.tool;
    const d = s.box;
    if (d && d.slot === slot && s.hover?.slot === slot) {
      ctx.strokeStyle = '#ffe066';
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(d.startCanvas.x, d.startCanvas.y, s.hover.canvas.x - d.startCanvas.x, s.hover.canvas.y - d.startCanvas.y);
      ctx.setLineDash([]);
    }
    if ((tool === 'brush' || tool === 'erase') && s.hover?.slot === slot) {
      const mmPerPx = Math.hypot(plane.right[0], plane.right[1], plane.right[2]);
      ctx.beginPath();
      ctx.arc(s.hover.canvas.x, s.hover.canvas.y, s.options.brushRadiusMm / mmPerPx, 0, 2 * Math.PI);
      ctx.strokeStyle = tool === 'brush' ? '#ffffff' : '#ff8787';
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  }
}

import type { ViewportSlot } from './types';
import { MaskLayers } from './overlay/maskLayers';
import { trajectoryOnPlane } from './overlay/trajectoryOnPlane';
import { spheroidSection } from './overlay/spheroidSection';
import { planeDistanceMm, shaftHalfWidthPx, worldToCanvas, type CanvasPoint, type ViewPlane } from './overlay/viewPlane';
import type { VolumeGeometry, VoxelMask } from '../planning/lesions';
import type { PlanStoreSnapshot } from '../planning/plan/planStore';
import { trajectoryTags } from '../planning/plan/trajectoryTags';
import type { Trajectory } from '../planning/trajectory/trajectorySchema';
import { deviceById, zoneSetOf } from '../planning/devices/deviceById';
import type { DeviceCatalogue } from '../planning/devices/deviceSchema';
import { placeZones } from '../planning/zones/placeZones';
import { lps, sub, type Vec3 } from '../shared/vec3';

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

const ISOTHERM_COLOURS: Record<string, string> = { '0': '#e6f7ff', '-20': '#4dabf7', '-40': '#9775fa' };

/**
 * Paints a plan over a 2D view (any plane, oblique ones included): masks filled and outlined,
 * ablation zones as isotherm contours, needles to scale (solid in front of the slice, dashed
 * behind, a ring where they cross it), and the gesture under way. Keeps each mask's layer per
 * view so that moving a needle does not resample the masks.
 */
export class PlanPainter {
  constructor(private readonly catalogue: DeviceCatalogue) {}


  /** Draws the plan over one view: masks, zones, needles, and the gesture under way. */
  paint(slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlane, s: PaintState): void {
    const snap = s.plan;
    const geometry = s.geometry;
    const { opacity, fill } = s.options;
    if (geometry) {
      const masks: { mask: VoxelMask; colour: string; selected: boolean }[] = [];
      for (const s of snap.draft.structures) if (s.mask && !snap.hidden.has(s.record.id)) masks.push({ mask: s.mask, colour: s.record.colour, selected: snap.selection?.id === s.record.id });
      for (const l of snap.draft.lesions) if (l.mask && !snap.hidden.has(l.record.id)) masks.push({ mask: l.mask, colour: l.record.colour, selected: snap.selection?.id === l.record.id });
      for (const m of masks) this.paintMask(ctx, slot, plane, m.mask, geometry, m.colour, fill ? opacity : 0, m.selected);
    }
    for (const t of snap.draft.trajectories) {
      if (snap.hidden.has(t.id)) continue;
      this.paintZones(ctx, plane, t);
    }
    const tags = trajectoryTags(snap.draft.trajectories, this.catalogue);
    for (const t of snap.draft.trajectories) {
      if (snap.hidden.has(t.id)) continue;
      this.paintTrajectory(ctx, plane, t, snap.selection?.id === t.id, slot, tags.get(t.id) ?? '');
    }
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

  private paintZones(ctx: CanvasRenderingContext2D, plane: ViewPlane, t: Trajectory): void {
    const device = deviceById(this.catalogue, t.deviceId);
    const set = device ? zoneSetOf(device, t.zoneSetId) : undefined;
    if (!set) return;
    const zones = placeZones(lps(...t.entry), lps(...t.target), set);
    for (const z of zones) {
      const e = spheroidSection(z.shape, plane);
      if (!e) continue;
      ctx.beginPath();
      ctx.ellipse(e.cx, e.cy, e.rx, e.ry, e.rotation, 0, 2 * Math.PI);
      ctx.strokeStyle = ISOTHERM_COLOURS[String(z.zone.isothermC)] ?? (z.zone.lethal ? '#ff6b6b' : '#ffd43b');
      ctx.lineWidth = z.zone.lethal ? 2 : 1.2;
      ctx.setLineDash(z.zone.lethal ? [] : [5, 4]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  private paintTrajectory(ctx: CanvasRenderingContext2D, plane: ViewPlane, t: Trajectory, selected: boolean, slot: ViewportSlot, tag: string): void {
    const device = deviceById(this.catalogue, t.deviceId);
    const halfWidth = Math.max(1, shaftHalfWidthPx((device?.outerDiameterMm ?? 2) / 2, plane));
    const entry: Vec3 = t.entry, target: Vec3 = t.target;
    const p = trajectoryOnPlane(entry, target, plane, 1.5);
    const colour = selected ? '#ffe066' : '#63e6be';
    ctx.lineCap = 'round';
    if (p.behind) {
      ctx.beginPath();
      ctx.moveTo(p.behind.from.x, p.behind.from.y);
      ctx.lineTo(p.behind.to.x, p.behind.to.y);
      ctx.strokeStyle = colour;
      ctx.globalAlpha = 0.55;
      ctx.lineWidth = Math.max(1, halfWidth);
      ctx.setLineDash([6, 5]);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
    }
    if (p.front) {
      ctx.beginPath();
      ctx.moveTo(p.front.from.x, p.front.from.y);
      ctx.lineTo(p.front.to.x, p.front.to.y);
      ctx.strokeStyle = colour;
      ctx.globalAlpha = 0.8;
      ctx.lineWidth = 2 * halfWidth;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    if (p.inSlab) {
      ctx.beginPath();
      ctx.moveTo(p.inSlab.from.x, p.inSlab.from.y);
      ctx.lineTo(p.inSlab.to.x, p.inSlab.to.y);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    if (p.crossing) {
      ctx.beginPath();
      ctx.arc(p.crossing.x, p.crossing.y, Math.max(4, halfWidth + 2), 0, 2 * Math.PI);
      ctx.strokeStyle = '#ff922b';
      ctx.lineWidth = 2;
      ctx.stroke();
    }
    // Tip: a filled dot when on this slice, a ring otherwise; entry: a square.
    ctx.beginPath();
    ctx.arc(p.target.x, p.target.y, 4, 0, 2 * Math.PI);
    ctx.fillStyle = colour;
    ctx.strokeStyle = colour;
    if (p.targetInSlab) ctx.fill();
    else ctx.stroke();
    ctx.strokeRect(p.entry.x - 4, p.entry.y - 4, 8, 8);
    if (p.entryInSlab) ctx.fillRect(p.entry.x - 4, p.entry.y - 4, 8, 8);
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillStyle = colour;
    // Full labels pile up where several needles meet; the tag (C1, B2 …) names each, the panel the rest.
    ctx.fillText(selected && t.label !== tag ? `${tag} ${t.label}` : tag, p.entry.x + 7, p.entry.y - 7);
    if (slot === 'probe' && selected) {
      const depth = planeDistanceMm(plane, entry);
      const c = p.crossing ?? worldToCanvas(plane, target);
      ctx.strokeStyle = '#ffe066';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(c.x - 14, c.y);
      ctx.lineTo(c.x + 14, c.y);
      ctx.moveTo(c.x, c.y - 14);
      ctx.lineTo(c.x, c.y + 14);
      ctx.stroke();
      const len = Math.hypot(...sub(target, entry));
      ctx.fillStyle = '#ffe066';
      const text = `${depth.toFixed(1)} mm from entry · tip at ${len.toFixed(1)} mm (${(len - depth).toFixed(1)} mm to go)`;
      ctx.font = '13px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText(text, plane.width / 2, plane.height - 46);
      ctx.textAlign = 'start';
    }
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

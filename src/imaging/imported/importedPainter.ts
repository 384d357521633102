import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { ViewportSlot } from '../types';
import { MaskLayers } from '../overlay/maskLayers';
import { planeDistanceMm, worldToCanvas, type ViewPlane } from '../overlay/viewPlane';
import type { Vec3 } from '../../shared/vec3';
import { graphicKey, segmentKey, type ImportedSnapshot, type LoadedObject } from './importedTypes';

/** Fill opacity of an imported segment: lighter than a plan lesion's, so the plan stays on top. */
const FILL_ALPHA = 0.35;
/** How near the slice (mm) a point is drawn as a filled marker rather than a ring. */
const ON_SLICE_MM = 1.5;

/**
 * Paints the imported SEG and SR objects that are shown over a 2D view: segments filled and
 * outlined with a dashed line (read-only, unlike the plan's solid outlines), SR polylines as
 * dashed lines with a marker at each point (filled on the slice, a ring off it), and a legend
 * naming the objects drawn. Each mask's sampled layer is kept per view and plane.
 */
export class ImportedPainter {
  private readonly masks = new MaskLayers();

  paint(slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlane, snap: ImportedSnapshot, objects: readonly LoadedObject[], geometry: VolumeGeometry | undefined): void {
    const legend: { name: string; colour: string }[] = [];
    for (const o of objects) {
      const placed = snap.shown.has(o.key) ? snap.placements.get(o.key) : undefined;
      if (!placed || placed.error || !o.result.ok) continue;
      const obj = o.result.value;
      let drawn = false;
      if (obj.kind === 'seg' && geometry) {
        for (const s of placed.segments) {
          const seg = obj.segments.find((x) => x.number === s.number);
          if (!seg || !s.mask.ok || snap.hidden.has(segmentKey(o.key, s.number))) continue;
          this.masks.paint(ctx, slot, plane, s.mask.value, geometry, { colour: seg.colour, fillAlpha: FILL_ALPHA, lineWidth: 1.5, dash: [4, 3] });
          drawn = true;
        }
      }
      for (const g of placed.graphics) {
        if (!g.points.ok || snap.hidden.has(graphicKey(o.key, g.group, g.index))) continue;
        this.paintGraphic(ctx, plane, g.points.value, g.graphicType, g.colour);
        drawn = true;
      }
      if (drawn || placed.segments.length + placed.graphics.length > 0) {
        const first = obj.kind === 'seg' ? obj.segments[0]?.colour : placed.graphics[0]?.colour;
        legend.push({ name: obj.kind === 'seg' ? (obj.seriesDescription ?? obj.contentLabel ?? o.name) : (obj.title?.meaning ?? o.name), colour: first ?? '#ffffff' });
      }
    }
    this.paintLegend(ctx, plane, legend);
  }

  private paintGraphic(ctx: CanvasRenderingContext2D, plane: ViewPlane, points: readonly Vec3[], type: string, colour: string): void {
    const canvas = points.map((p) => worldToCanvas(plane, p));
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    if (canvas.length > 1 && type !== 'MULTIPOINT') {
      ctx.beginPath();
      canvas.forEach((c, i) => (i === 0 ? ctx.moveTo(c.x, c.y) : ctx.lineTo(c.x, c.y)));
      if (type === 'POLYGON' || type === 'ELLIPSE' || type === 'ELLIPSOID') ctx.closePath();
      ctx.lineWidth = 2;
      ctx.setLineDash([8, 4]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    canvas.forEach((c, i) => {
      const onSlice = Math.abs(planeDistanceMm(plane, points[i]!)) <= ON_SLICE_MM;
      ctx.beginPath();
      ctx.arc(c.x, c.y, 4, 0, 2 * Math.PI);
      if (onSlice) ctx.fill();
      else {
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
    });
  }

  private paintLegend(ctx: CanvasRenderingContext2D, plane: ViewPlane, items: readonly { name: string; colour: string }[]): void {
    ctx.font = '11px sans-serif';
    items.forEach((it, n) => {
      const y = plane.height - 44 - 14 * (items.length - 1 - n);
      ctx.fillStyle = it.colour;
      ctx.fillRect(8, y - 8, 8, 8);
      ctx.fillStyle = '#e9ecef';
      ctx.fillText(`${it.name} (imported, read-only)`, 20, y);
    });
  }
}

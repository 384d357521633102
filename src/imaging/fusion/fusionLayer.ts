import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { IDENTITY4, type Matrix4 } from '../../planning/postprocedure/rigid';
import type { ViewPlane } from '../overlay/viewPlane';
import type { ViewportSlot } from '../types';
import type { ViewerSession } from '../viewerSession';
import { FUSION_WINDOWS, hotLut, type FusionWindowId } from './colourMap';
import { resampleFusion } from './resample';
import { regionOutline } from './regionOutline';
import { paddingValue } from '../../planning/postprocedure/fieldOfView';
import type { LpsBox } from '../../records/postProcedure';

/** What the user chose for the fused view. */
export interface FusionSettings {
  readonly shown: boolean;
  /** 0–100 %. */
  readonly opacityPct: number;
  readonly checkerboard: boolean;
  readonly checkerMm: number;
  readonly windowId: FusionWindowId;
}

export const DEFAULT_FUSION: FusionSettings = { shown: true, opacityPct: 50, checkerboard: false, checkerMm: 20, windowId: 'bone' };

/** Canvas pixels per CBCT sample along each axis (then scaled up with smoothing). */
const STEP = 2;

/**
 * The post-procedure CBCT drawn over every 2D view of a session, through the registration
 * matrix, between the imported objects and the plan (so the plan's lesions, structures,
 * needles and zones stay on top). Redrawn with each render of a view and when the matrix or
 * the settings change. Each overlay canvas records its last redraw time in `data-fusion-ms`
 * and the share of its samples inside the CBCT in `data-fusion-inside`.
 */
export class FusionLayer {
  private cbct?: PlanningVolume;
  private matrix: Matrix4 = IDENTITY4;
  private settings: FusionSettings = DEFAULT_FUSION;
  private region?: LpsBox;
  private padding: number | null = null;
  private readonly lut = hotLut();
  private readonly scratch = new Map<ViewportSlot, { canvas: HTMLCanvasElement; image?: ImageData }>();
  private readonly timings: number[] = [];

  constructor(private readonly session: ViewerSession) {
    session.setLayerPainter('fusion', (slot, ctx, plane) => this.paint(slot, ctx, plane));
  }

  setVolume(cbct: PlanningVolume | undefined): void {
    if (cbct !== this.cbct) this.padding = cbct ? paddingValue(cbct) : null;
    this.cbct = cbct;
    this.session.repaintOverlays();
  }

  setMatrix(m: Matrix4): void {
    this.matrix = m;
    this.session.repaintOverlays();
  }

  /** The registration region, outlined (dashed) where each view cuts it; undefined for none. */
  setRegion(box: LpsBox | undefined): void {
    this.region = box;
    this.session.repaintOverlays();
  }

  setSettings(s: FusionSettings): void {
    this.settings = s;
    this.session.repaintOverlays();
  }

  /** Redraw times (ms) of the last up to 200 paints, oldest first. */
  redrawTimes(): readonly number[] {
    return this.timings;
  }

  destroy(): void {
    this.session.setLayerPainter('fusion', undefined);
    this.scratch.clear();
  }

  private paint(slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlane): void {
    const cbct = this.cbct, s = this.settings;
    if (!cbct || !s.shown) {
      delete ctx.canvas.dataset.fusionMs;
      return;
    }
    const t0 = performance.now();
    const win = FUSION_WINDOWS.find((w) => w.id === s.windowId) ?? FUSION_WINDOWS[0];
    let sc = this.scratch.get(slot);
    if (!sc) {
      sc = { canvas: document.createElement('canvas') };
      this.scratch.set(slot, sc);
    }
    const style = { widthHu: win.widthHu, centerHu: win.centerHu, opacity: s.opacityPct / 100, checkerMm: s.checkerboard ? s.checkerMm : null, paddingHu: this.padding };
    const img = resampleFusion(plane, this.matrix, cbct, this.lut, style, STEP, sc.image?.data);
    if (!sc.image || sc.image.width !== img.width || sc.image.height !== img.height) {
      sc.image = new ImageData(img.data, img.width, img.height);
      sc.canvas.width = img.width;
      sc.canvas.height = img.height;
    }
    const off = sc.canvas.getContext('2d');
    if (!off) return;
    off.putImageData(sc.image, 0, 0);
    ctx.save();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(sc.canvas, 0, 0, img.width * STEP, img.height * STEP);
    ctx.restore();
    if (this.region) drawRegion(ctx, plane, this.region);
    const ms = performance.now() - t0;
    this.timings.push(ms);
    if (this.timings.length > 200) this.timings.shift();
    ctx.canvas.dataset.fusionMs = ms.toFixed(2);
    ctx.canvas.dataset.fusionInside = (img.inside / (img.width * img.height)).toFixed(3);
  }
}

/** The registration region's cut through a view: a dashed orange outline labelled at its top-left corner. */
function drawRegion(ctx: CanvasRenderingContext2D, plane: ViewPlane, box: LpsBox): void {
  const poly = regionOutline(plane, box);
  if (!poly.length) return;
  ctx.save();
  ctx.strokeStyle = 'rgba(255, 169, 77, 0.8)';
  ctx.lineWidth = 1;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  poly.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
  ctx.closePath();
  ctx.stroke();
  const top = poly.reduce((a, p) => (p.y + p.x < a.y + a.x ? p : a));
  ctx.fillStyle = 'rgba(255, 169, 77, 0.9)';
  ctx.font = '11px sans-serif';
  ctx.fillText('registration region', top.x + 4, top.y + 13);
  ctx.restore();
}

import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import type { ViewportSlot } from '../types';
import { maskOutline } from './maskOutline';
import { sampleMaskOnPlane } from './sampleMaskOnPlane';
import type { ViewPlane } from './viewPlane';

/** How a mask's section is drawn: fill opacity (0: outline only), outline width and dash. */
export interface MaskStyle {
  readonly colour: string;
  readonly fillAlpha: number;
  readonly lineWidth: number;
  readonly dash?: readonly number[];
}

function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Draws masks' sections on 2D views (the plan's lesions and structures, imported segments),
 * filled and outlined. A mask's layer on a view only changes with the mask, the plane or the
 * style, so it is kept per view: while a needle is dragged, masks are drawn from these cached
 * layers instead of being resampled.
 */
export class MaskLayers {
  private readonly layers = new Map<ViewportSlot, WeakMap<VoxelMask, { key: string; canvas: HTMLCanvasElement }>>();
  // Made on the first fill, so that a painter can be built where there is no DOM (unit tests).
  private scratch: HTMLCanvasElement | undefined;

  paint(ctx: CanvasRenderingContext2D, slot: ViewportSlot, plane: ViewPlane, mask: VoxelMask, geometry: VolumeGeometry, style: MaskStyle): void {
    const dpr = window.devicePixelRatio || 1;
    const key = [...plane.origin, ...plane.right, ...plane.down, plane.width, plane.height, style.colour, style.fillAlpha, style.lineWidth, style.dash?.join(' ') ?? '', dpr].join(',');
    let layers = this.layers.get(slot);
    if (!layers) this.layers.set(slot, (layers = new WeakMap()));
    let layer = layers.get(mask);
    if (!layer || layer.key !== key) {
      const canvas = layer?.canvas ?? document.createElement('canvas');
      canvas.width = Math.round(plane.width * dpr);
      canvas.height = Math.round(plane.height * dpr);
      const g = canvas.getContext('2d');
      if (!g) return;
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.draw(g, plane, mask, geometry, style);
      layer = { key, canvas };
      layers.set(mask, layer);
    }
    ctx.drawImage(layer.canvas, 0, 0, plane.width, plane.height);
  }

  private draw(ctx: CanvasRenderingContext2D, plane: ViewPlane, mask: VoxelMask, geometry: VolumeGeometry, style: MaskStyle): void {
    const step = 2;
    const s = sampleMaskOnPlane(mask, geometry, plane, step);
    if (!s.any) return;
    if (style.fillAlpha > 0) {
      const c = (this.scratch ??= document.createElement('canvas'));
      if (c.width !== s.cols || c.height !== s.rows) {
        c.width = s.cols;
        c.height = s.rows;
      }
      const g = c.getContext('2d');
      if (g) {
        const img = g.createImageData(s.cols, s.rows);
        const [r, gg, b] = hexRgb(style.colour);
        const a = Math.round(style.fillAlpha * 255);
        for (let p = 0; p < s.data.length; p++) {
          if (!s.data[p]) continue;
          img.data[4 * p] = r;
          img.data[4 * p + 1] = gg;
          img.data[4 * p + 2] = b;
          img.data[4 * p + 3] = a;
        }
        g.putImageData(img, 0, 0);
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(c, 0, 0, s.cols * step, s.rows * step);
      }
    }
    const seg = maskOutline(s.data, s.cols, s.rows);
    ctx.beginPath();
    for (let q = 0; q < seg.length; q += 4) {
      ctx.moveTo(seg[q]! * step, seg[q + 1]! * step);
      ctx.lineTo(seg[q + 2]! * step, seg[q + 3]! * step);
    }
    ctx.strokeStyle = style.colour;
    ctx.lineWidth = style.lineWidth;
    ctx.setLineDash(style.dash ? [...style.dash] : []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

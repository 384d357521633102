import type { Page } from 'playwright-core';

/** What the 3D view's canvas shows, measured in the page. */
export interface View3dPixels {
  /** Share of the canvas that is lit (luminance > 40 of 255): the rendered bone and plan. */
  readonly lit: number;
  /**
   * Share of lit pixels that are speckle: lit with at most two lit neighbours of eight, or
   * further than 48 grey levels from the median of their eight neighbours. A smooth shaded
   * surface has almost none; sampling noise makes many.
   */
  readonly speckle: number;
  readonly width: number;
  readonly height: number;
}

/** Measures the 3D view's WebGL-copied canvas (the Cornerstone canvas, not an overlay). */
export function view3dPixels(page: Page): Promise<View3dPixels> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="viewport-volume3d"] canvas.cornerstone-canvas') as HTMLCanvasElement | null;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) throw new Error('no 3D canvas');
    const { data, width: w, height: h } = ctx.getImageData(0, 0, c.width, c.height);
    const L = new Float32Array(w * h);
    for (let i = 0; i < w * h; i++) L[i] = (data[i * 4]! + data[i * 4 + 1]! + data[i * 4 + 2]!) / 3;
    let lit = 0;
    let speckle = 0;
    const nb = new Float32Array(8);
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const p = y * w + x;
        if (L[p]! <= 40) continue;
        lit++;
        let k = 0;
        let litNb = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            if (!dx && !dy) continue;
            const v = L[p + dy * w + dx]!;
            nb[k++] = v;
            if (v > 40) litNb++;
          }
        }
        nb.sort();
        const median = (nb[3]! + nb[4]!) / 2;
        if (litNb <= 2 || Math.abs(L[p]! - median) > 48) speckle++;
      }
    }
    return { lit: lit / (w * h), speckle: lit ? speckle / lit : 0, width: w, height: h };
  });
}

/** A colour class the 3D view's pixels are counted in (shading scales a colour, so these are ratios). */
export type Hue = 'teal' | 'red' | 'blue';

/**
 * Pixels of the 3D canvas within `radius` CSS px of a page point (the whole canvas when `at`
 * is null) of a hue: teal (needle #63e6be: g and b well over r), red (artery: r over twice g
 * and b), blue (vein: b well over r and g). Ivory bone and the black background are none.
 */
export function view3dHuePixels(page: Page, at: readonly [number, number] | null, radius: number, hue: Hue): Promise<number> {
  return page.evaluate(
    ([p, rad, h]) => {
      const c = document.querySelector('[data-testid="viewport-volume3d"] canvas.cornerstone-canvas') as HTMLCanvasElement | null;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return 0;
      const rect = c.getBoundingClientRect();
      const dpr = c.width / rect.width;
      let x0 = 0, y0 = 0, x1 = c.width, y1 = c.height;
      if (p) {
        const cx = (p[0] - rect.left) * dpr, cy = (p[1] - rect.top) * dpr, r = rad * dpr;
        x0 = Math.max(0, Math.floor(cx - r));
        y0 = Math.max(0, Math.floor(cy - r));
        x1 = Math.min(c.width, Math.ceil(cx + r));
        y1 = Math.min(c.height, Math.ceil(cy + r));
      }
      if (x1 <= x0 || y1 <= y0) return 0;
      const d = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        const R = d[i]!, G = d[i + 1]!, B = d[i + 2]!;
        if (R + G + B < 90) continue;
        if (h === 'teal' ? G > 1.5 * R + 10 && B > 1.3 * R + 10 : h === 'red' ? R > 2 * G + 10 && R > 2 * B + 10 : B > 1.4 * R + 10 && B > 1.1 * G + 10) n++;
      }
      return n;
    },
    [at, radius, hue] as const,
  );
}

import { describe, expect, it } from 'vitest';
import { viewChrome } from './viewChrome';
import { legendTop } from './isothermLegend';
import { boxesIntersect, placeLabels } from './labelPlacement';

describe('viewChrome', () => {
  it('reserves the corners, the four orientation letters and, in the probe view, the depth slider', () => {
    expect(viewChrome('axial', 600, 400)).toHaveLength(8);
    const probe = viewChrome('probe', 600, 400);
    expect(probe).toHaveLength(9);
    // The slider's band: the bottom 48 px, full width; the slice text sits above it (400 − 48 − 44 = 308).
    expect(probe[8]).toEqual({ x: 0, y: 352, width: 600, height: 48 });
    expect(probe[2]!.y).toBe(308);
    expect(viewChrome('axial', 600, 400)[2]!.y).toBe(356);
    for (const b of probe) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(600);
    }
  });

  it('keeps a label anchored on the top orientation letter off it', () => {
    const chrome = viewChrome('inplane0', 400, 300);
    const [l] = placeLabels([{ id: 'C1', anchor: { x: 200, y: 0 }, width: 130, height: 17 }], { width: 400, height: 300, obstacles: chrome });
    expect(l).toBeDefined();
    for (const b of chrome) expect(boxesIntersect(l!.box, b)).toBe(false);
  });
});

describe('legendTop', () => {
  it('sits the legend above the bottom-left text when that clears the left letter, else under the top-left text', () => {
    // 300 − 48 − 76 = 176, below the letter band ending at 150 + 14 = 164.
    expect(legendTop(300, 76)).toBe(176);
    // 250 − 48 − 76 = 126 would cover the letter at 125 ± 13: under the top text instead.
    expect(legendTop(250, 76)).toBe(80);
    // Above the probe's slider band too: 500 − 48 − 48 − 76 = 328.
    expect(legendTop(500, 76, 48)).toBe(328);
  });
});

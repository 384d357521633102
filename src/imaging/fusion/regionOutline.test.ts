import { describe, expect, it } from 'vitest';
import { regionOutline } from './regionOutline';
import type { ViewPlane } from '../overlay/viewPlane';

const box = { minLps: [-10, -20, 100] as [number, number, number], maxLps: [30, 40, 160] as [number, number, number] };

describe('the registration region on a view', () => {
  it('an axial plane through the box cuts its x–y rectangle, in canvas pixels', () => {
    // 0.5 mm per pixel, canvas (0, 0) at LPS (−50, −50, 120): x → right, y → down.
    const axial: ViewPlane = { origin: [-50, -50, 120], right: [0.5, 0, 0], down: [0, 0.5, 0], normal: [0, 0, -1], width: 400, height: 400 };
    const poly = regionOutline(axial, box).map((p) => [Math.round(p.x * 1e6) / 1e6, Math.round(p.y * 1e6) / 1e6]);
    // x −10…30 → 80…160 px, y −20…40 → 60…180 px.
    expect(poly).toHaveLength(4);
    expect(new Set(poly.map((p) => p.join(',')))).toEqual(new Set(['80,60', '160,60', '160,180', '80,180']));
  });

  it('misses the box above it; an oblique plane through the centre gives a closed polygon', () => {
    const above: ViewPlane = { origin: [-50, -50, 170], right: [1, 0, 0], down: [0, 1, 0], normal: [0, 0, -1], width: 100, height: 100 };
    expect(regionOutline(above, box)).toEqual([]);
    const s = Math.SQRT1_2;
    const oblique: ViewPlane = { origin: [0, 0, 120], right: [s, 0, s], down: [0, 1, 0], normal: [s, 0, -s], width: 100, height: 100 };
    const poly = regionOutline(oblique, box);
    expect(poly.length).toBeGreaterThanOrEqual(4);
    // In order around the polygon: every turn has the same sense.
    const cross = poly.map((p, i) => {
      const q = poly[(i + 1) % poly.length]!, r = poly[(i + 2) % poly.length]!;
      return Math.sign((q.x - p.x) * (r.y - q.y) - (q.y - p.y) * (r.x - q.x));
    });
    expect(new Set(cross).size).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { labelAnchor, paintNeedles } from './needleLayer';

describe('labelAnchor', () => {
  it('is the entry end when it is on the canvas', () => {
    expect(labelAnchor({ entry: { x: 10, y: 20 }, target: { x: 200, y: 20 } }, 100, 100)).toEqual({ x: 10, y: 20 });
  });

  it('is where the needle enters the view when its entry is off the canvas', () => {
    // From (−50, 50) to (50, 50): x reaches 0 half-way along.
    expect(labelAnchor({ entry: { x: -50, y: 50 }, target: { x: 50, y: 50 } }, 100, 100)).toEqual({ x: 0, y: 50 });
  });

  it('is none for a needle wholly off the canvas', () => {
    expect(labelAnchor({ entry: { x: -50, y: -5 }, target: { x: 150, y: -5 } }, 100, 100)).toBeUndefined();
  });
});

/** A 2D context that records each stroke's colour, width and dash. */
function recordingContext() {
  const strokes: { colour: string; width: number; dash: number[]; path: number[][] }[] = [];
  let dash: number[] = [];
  let path: number[][] = [];
  const ctx = {
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    lineCap: 'butt',
    font: '',
    textBaseline: 'alphabetic',
    beginPath: () => void (path = []),
    moveTo: (x: number, y: number) => void path.push([x, y]),
    lineTo: (x: number, y: number) => void path.push([x, y]),
    arc: () => undefined,
    setLineDash: (d: number[]) => void (dash = d),
    stroke: () => void strokes.push({ colour: ctx.strokeStyle, width: ctx.lineWidth, dash, path }),
    fill: () => undefined,
    strokeRect: () => undefined,
    fillRect: () => undefined,
    fillText: () => undefined,
    measureText: (t: string) => ({ width: t.length * 7 }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, strokes };
}

describe('paintNeedles', () => {
  // An axial-like plane at z = 0, 1 mm per pixel, 200 × 200 px.
  const plane = { origin: [0, 0, 0], right: [1, 0, 0], down: [0, 1, 0], normal: [0, 0, 1], width: 200, height: 200 } as const;

  it('draws a selected needle lying in the plane (to rounding) solid and wider than the others', () => {
    const { ctx, strokes } = recordingContext();
    const out = paintNeedles(
      ctx,
      plane,
      [
        // A hair behind the plane, as the along-the-needle views compute it: it was dashed and thin.
        { id: 'sel', text: 'C1', entry: [20, 100, -1e-9], target: [150, 100, -1e-9], radiusMm: 1.2, selected: true },
        // Crossing the plane, 2.4 px wide to scale.
        { id: 'other', text: 'C2', entry: [100, 20, 5], target: [100, 180, -5], radiusMm: 1.2, selected: false },
      ],
      [],
    );
    const shaft = strokes.filter((s) => s.colour === '#ffe066' && s.path.length === 2 && Math.abs(s.path[1]![0]! - s.path[0]![0]!) > 100);
    expect(shaft).toHaveLength(1);
    expect(shaft[0]!.dash).toEqual([]);
    // 2.4 px (the other) + 2 px.
    expect(shaft[0]!.width).toBeCloseTo(4.4, 10);
    const widths = Object.fromEntries(out.needles.map((n) => [n.id, n.lineWidth]));
    expect(widths.sel).toBeGreaterThan(widths.other!);
    expect(out.labels.map((l) => l.id).sort()).toEqual(['other', 'sel']);
  });

  it('fades a needle 25 mm from the plane', () => {
    const { ctx } = recordingContext();
    const out = paintNeedles(ctx, plane, [{ id: 'far', text: 'B1', entry: [20, 20, 25], target: [60, 60, 40], radiusMm: 1, selected: false }], []);
    // 1 − (25 − 10) / 30 × 0.85 = 0.575.
    expect(out.needles[0]!.alpha).toBeCloseTo(0.575, 10);
  });
});

import { describe, expect, it } from 'vitest';
import { boxesIntersect, placeLabels, type LabelBox, type LabelRequest, type PlacedLabel } from './labelPlacement';

const onOutline = (b: LabelBox, p: { x: number; y: number }): boolean => {
  const inX = p.x >= b.x - 1e-9 && p.x <= b.x + b.width + 1e-9;
  const inY = p.y >= b.y - 1e-9 && p.y <= b.y + b.height + 1e-9;
  const onEdge = [p.x - b.x, b.x + b.width - p.x, p.y - b.y, b.y + b.height - p.y].some((d) => Math.abs(d) < 1e-9);
  return inX && inY && onEdge;
};

function expectApart(placed: readonly PlacedLabel[], width: number, height: number): void {
  for (let i = 0; i < placed.length; i++) {
    const a = placed[i]!.box;
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.y).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width).toBeLessThanOrEqual(width);
    expect(a.y + a.height).toBeLessThanOrEqual(height);
    for (let j = i + 1; j < placed.length; j++) expect(boxesIntersect(a, placed[j]!.box), `${placed[i]!.id} / ${placed[j]!.id}`).toBe(false);
  }
}

/** A small deterministic generator (Park–Miller), so the crowded case is the same every run. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

describe('placeLabels', () => {
  it('puts a lone label just up and to the right of its needle end, as labels were always drawn', () => {
    const [l] = placeLabels([{ id: 'a', anchor: { x: 100, y: 100 }, width: 30, height: 17 }], { width: 400, height: 400 });
    // First try: 8 px from the anchor towards up-right, so the box's bottom-left corner is the nearest point.
    expect(l!.box.x).toBeGreaterThan(100);
    expect(l!.box.y + l!.box.height).toBeLessThan(100);
    expect(Math.hypot(l!.leader.from.x - 100, l!.leader.from.y - 100)).toBeLessThan(12);
  });

  it('spreads nine labels anchored at one point without any two boxes intersecting', () => {
    const reqs: LabelRequest[] = Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, anchor: { x: 200, y: 150 }, width: 24, height: 17 }));
    const placed = placeLabels(reqs, { width: 400, height: 300 });
    expect(placed).toHaveLength(9);
    expectApart(placed, 400, 300);
    for (const l of placed) {
      expect(l.leader.to).toEqual({ x: 200, y: 150 });
      expect(onOutline(l.box, l.leader.from)).toBe(true);
    }
  });

  it('keeps labels whose needles end side by side apart (B2/B4 overprinted before)', () => {
    const placed = placeLabels(
      [
        { id: 'B2', anchor: { x: 300, y: 200 }, width: 24, height: 17 },
        { id: 'B4', anchor: { x: 306, y: 203 }, width: 24, height: 17 },
      ],
      { width: 640, height: 480 },
    );
    expect(placed).toHaveLength(2);
    expect(boxesIntersect(placed[0]!.box, placed[1]!.box)).toBe(false);
    expect(placed[1]!.leader.to).toEqual({ x: 306, y: 203 });
  });

  it('stays inside the view at its edge and clear of an obstacle such as the legend', () => {
    const legend: LabelBox = { x: 0, y: 0, width: 120, height: 80 };
    const placed = placeLabels([{ id: 'a', anchor: { x: 5, y: 5 }, width: 40, height: 17 }], { width: 300, height: 200, obstacles: [legend] });
    expect(placed).toHaveLength(1);
    expect(boxesIntersect(placed[0]!.box, legend)).toBe(false);
    expectApart(placed, 300, 200);
  });

  it('never intersects in a crowded small view: labels that find no room are left out', () => {
    const rnd = prng(7);
    const reqs: LabelRequest[] = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, anchor: { x: rnd() * 300, y: rnd() * 200 }, width: 20 + rnd() * 40, height: 17 }));
    const placed = placeLabels(reqs, { width: 300, height: 200 });
    expectApart(placed, 300, 200);
    expect(placed.length).toBeGreaterThan(10);
    for (const l of placed) expect(l.leader.to).toEqual(reqs.find((r) => r.id === l.id)!.anchor);
    // A view too small for more than one box holds one.
    expect(placeLabels(reqs.slice(0, 3).map((r) => ({ ...r, width: 30 })), { width: 40, height: 22 })).toHaveLength(1);
  });
});

describe('boxesIntersect', () => {
  it('counts overlap but not boxes that merely touch', () => {
    expect(boxesIntersect({ x: 0, y: 0, width: 10, height: 10 }, { x: 9, y: 9, width: 5, height: 5 })).toBe(true);
    expect(boxesIntersect({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 5, height: 5 })).toBe(false);
  });
});

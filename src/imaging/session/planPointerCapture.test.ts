import { describe, expect, it } from 'vitest';
import { PlanPointerGate } from './planPointerCapture';

describe('PlanPointerGate', () => {
  it('a left-button drag is forwarded and captured from press to release', () => {
    const g = new PlanPointerGate();
    expect(g.decide('down', 0, 1)).toEqual({ forward: true, capture: true });
    expect(g.decide('move', 0, 1)).toEqual({ forward: true, capture: true });
    expect(g.decide('up', 0, 0)).toEqual({ forward: true, capture: true });
  });

  it('a right or middle press is left to the viewer (zoom, pan), and so are its moves and release', () => {
    const g = new PlanPointerGate();
    expect(g.decide('down', 2, 2).forward).toBe(false);
    expect(g.decide('move', 0, 2).forward).toBe(false);
    expect(g.decide('up', 2, 0).forward).toBe(false);
    expect(g.decide('down', 1, 4).forward).toBe(false);
  });

  it('hover moves reach the plan (brush cursor) without being taken from the viewer', () => {
    expect(new PlanPointerGate().decide('move', 0, 0)).toEqual({ forward: true, capture: false });
  });

  it('a release after the drag ended (or elsewhere on the page) is ignored', () => {
    const g = new PlanPointerGate();
    g.decide('down', 0, 1);
    g.decide('up', 0, 0);
    expect(g.decide('up', 0, 0).forward).toBe(false);
  });
});

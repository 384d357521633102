import { describe, expect, it } from 'vitest';
import { labelAnchor } from './needleLayer';

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

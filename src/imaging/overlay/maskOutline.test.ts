import { describe, expect, it } from 'vitest';
import { maskOutline } from './maskOutline';

/** Segments as sorted strings, for order-free comparison. */
const segments = (f: Float32Array): string[] => {
  const out: string[] = [];
  for (let n = 0; n < f.length; n += 4) out.push(`${f[n]},${f[n + 1]}-${f[n + 2]},${f[n + 3]}`);
  return out.sort();
};

describe('maskOutline', () => {
  it('outlines a rectangle with four merged sides', () => {
    // 5 × 4 grid, cells (1..3, 1..2) inside.
    const d = new Uint8Array(20);
    for (let r = 1; r <= 2; r++) for (let c = 1; c <= 3; c++) d[r * 5 + c] = 1;
    expect(segments(maskOutline(d, 5, 4))).toEqual(['1,1-1,3', '1,1-4,1', '1,3-4,3', '4,1-4,3']);
  });

  it('closes shapes at the grid edge and outlines holes', () => {
    // 3 × 3 all inside except the centre.
    const d = Uint8Array.of(1, 1, 1, 1, 0, 1, 1, 1, 1);
    expect(segments(maskOutline(d, 3, 3))).toEqual([
      '0,0-0,3', '0,0-3,0', '0,3-3,3', '1,1-1,2', '1,1-2,1', '1,2-2,2', '2,1-2,2', '3,0-3,3',
    ]);
  });

  it('gives nothing for an empty grid', () => {
    expect(maskOutline(new Uint8Array(12), 4, 3).length).toBe(0);
  });
});

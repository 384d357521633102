import { describe, expect, it, vi } from 'vitest';
import type { Types } from '@cornerstonejs/core';
import { lps } from '../../shared/vec3';

// A 2×2 stack image whose pixel (column 1, row 0) stores 2048; world x/y are the pixel
// indices (1 mm pixels at the origin), which is all the probe asks of Cornerstone.
const image = {
  rows: 2,
  columns: 2,
  slope: 0.5,
  intercept: -1024,
  preScale: undefined as { enabled: boolean; scaled?: boolean } | undefined,
  getPixelData: () => new Uint16Array([0, 2048, 0, 0]),
};
vi.mock('@cornerstonejs/core', () => ({
  cache: { getImage: () => image },
  utilities: { worldToImageCoords: (_id: string, p: number[]) => [p[0], p[1]] },
}));

const { huAtStack } = await import('./huProbe');
const viewport = { getCurrentImageId: () => 'img:1' } as unknown as Types.IStackViewport;

describe('huAtStack', () => {
  it('rescales a frame the loader left raw: stored 2048 × 0.5 − 1024 = 0 HU', () => {
    image.preScale = { enabled: false };
    expect(huAtStack(viewport, lps(1.5, 0.5, 0))).toBe(0);
  });

  it('reads a pre-scaled frame as it is', () => {
    image.preScale = { enabled: true, scaled: true };
    expect(huAtStack(viewport, lps(1.5, 0.5, 0))).toBe(2048);
  });

  it('is undefined off the image', () => {
    expect(huAtStack(viewport, lps(2.5, 0.5, 0))).toBeUndefined();
    expect(huAtStack(viewport, lps(-0.5, 0.5, 0))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { voxelCount } from './maskVoxels';

describe('voxel counts of the plan panel', () => {
  it('counts the set voxels of a mask', () => {
    expect(voxelCount({ data: new Uint8Array([0, 1, 1, 0, 1]) })).toBe(3);
  });
  it('counts each mask object once: a second call does not read the voxels again', () => {
    let reads = 0;
    const raw = new Uint8Array([1, 0, 1, 1]);
    // A mask whose voxel reads are counted through a proxy.
    const data = new Proxy(raw, {
      get(target, p) {
        if (typeof p === 'string' && /^\d+$/.test(p)) reads++;
        const v = Reflect.get(target, p) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const mask = { data };
    expect(voxelCount(mask)).toBe(3);
    expect(reads).toBe(4);
    expect(voxelCount(mask)).toBe(3);
    expect(reads).toBe(4);
  });
});

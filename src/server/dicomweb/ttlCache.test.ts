import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttlCache';

describe('createTtlCache', () => {
  it('shares one load among callers until the entry expires', async () => {
    let t = 0;
    let loads = 0;
    const cache = createTtlCache<number>(1000, 10, () => t);
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    t = 999;
    expect(await cache.get('k', load)).toBe(1);
    t = 1000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('forgets failed loads, forgotten keys and the oldest entries beyond the limit', async () => {
    let n = 0;
    const cache = createTtlCache<number>(60_000, 2);
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('x', async () => 7)).toBe(7);
    cache.forget('x');
    expect(await cache.get('x', async () => 8)).toBe(8);
    await cache.get('a', async () => ++n);
    await cache.get('b', async () => ++n);
    expect(await cache.get('x', async () => 9)).toBe(9);
  });
});

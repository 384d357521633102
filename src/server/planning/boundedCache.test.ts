import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../shared/result';
import { createBoundedCache } from './boundedCache';

/** Values are their own size in bytes; loads are counted. */
function setup(maxEntries: number, maxBytes: number) {
  const loads: string[] = [];
  const cache = createBoundedCache<number>({ maxEntries, maxBytes, sizeOf: (n) => n });
  const get = (key: string, size: number): Promise<Result<number>> =>
    cache.get(key, async () => {
      loads.push(key);
      await new Promise((r) => setTimeout(r, 2));
      return ok(size);
    });
  return { cache, loads, get };
}

describe('createBoundedCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const { cache, loads, get } = setup(2, 1000);
    await get('a', 1);
    await get('b', 1);
    await get('a', 1); // a is now the most recent
    await get('c', 1); // drops b
    expect(cache.keys()).toEqual(['a', 'c']);
    await get('a', 1);
    await get('b', 1);
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps at most maxBytes: 40 + 40 fit in 100, a third 40 drops the oldest', async () => {
    const { cache, get } = setup(10, 100);
    await get('a', 40);
    await get('b', 40);
    expect(cache.bytes()).toBe(80);
    await get('c', 40);
    expect(cache.keys()).toEqual(['b', 'c']);
    expect(cache.bytes()).toBe(80);
  });

  it('hands out a value larger than maxBytes without keeping it or dropping the others for it', async () => {
    const { cache, loads, get } = setup(10, 100);
    await get('a', 60);
    expect(await get('huge', 150)).toEqual(ok(150));
    expect(cache.keys()).toEqual(['a']);
    expect(cache.bytes()).toBe(60);
    await get('huge', 150);
    expect(loads).toEqual(['a', 'huge', 'huge']);
  });

  it('shares one load among concurrent gets, and keeps no failure (an error result or a rejection)', async () => {
    const cache = createBoundedCache<number>({ maxEntries: 4, maxBytes: 100, sizeOf: () => 1 });
    let calls = 0;
    const failing = async (): Promise<Result<number>> => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 2));
      return err('down');
    };
    const [x, y] = await Promise.all([cache.get('k', failing), cache.get('k', failing)]);
    expect(calls).toBe(1);
    expect(x).toEqual(err('down'));
    expect(y).toBe(x);
    expect(cache.keys()).toEqual([]);
    const thrown = await cache.get('k', () => Promise.reject(new Error('socket hang up')));
    expect(thrown).toEqual(err('socket hang up'));
    expect(cache.keys()).toEqual([]);
    await cache.get('k', failing);
    expect(calls).toBe(2);
  });
});

/** A small in-memory cache of promises that expire, shared by concurrent callers. */
export interface TtlCache<T> {
  /** The cached value of `key`, or `load()`'s, kept for the TTL if it resolves. */
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** Drops a key, e.g. after a load found nothing that is worth remembering. */
  forget(key: string): void;
}

/**
 * Caches the promise of each key for `ttlMs`, so requests that arrive together share one
 * load; a rejected load is forgotten at once. At most `maxEntries` are kept, the oldest
 * dropped first. `now` is injectable for tests.
 */
export function createTtlCache<T>(ttlMs: number, maxEntries: number, now: () => number = Date.now): TtlCache<T> {
  const entries = new Map<string, { expires: number; value: Promise<T> }>();
  return {
    get(key, load) {
      const t = now();
      const hit = entries.get(key);
      if (hit && hit.expires > t) return hit.value;
      entries.delete(key);
      const value = load();
      entries.set(key, { expires: t + ttlMs, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return value;
    },
    forget(key) {
      entries.delete(key);
    },
  };
}

import type { Result } from '../../shared/result';

/** Limits of {@link createBoundedCache}. */
export interface BoundedCacheLimits<V> {
  /** Most values kept (at least 1). */
  readonly maxEntries: number;
  /** Most bytes kept, summed over the values by `sizeOf`; a value larger than this alone is handed out but not kept. */
  readonly maxBytes: number;
  readonly sizeOf: (value: V) => number;
}

/** A cache of loads by key; see {@link createBoundedCache}. */
export interface BoundedCache<V> {
  /** The value of `key`: the kept one, the load under way, or a new `load()`. */
  get(key: string, load: () => Promise<Result<V>>): Promise<Result<V>>;
  /** Keys kept or loading, least recently used first (for tests and logs). */
  keys(): string[];
  /** Bytes of the values kept. */
  bytes(): number;
}

interface Entry<V> {
  readonly value: Promise<Result<V>>;
  /** 0 until the load succeeds. */
  size: number;
}

/**
 * Keeps the results of loads by key, bounded by count AND bytes (a CT is ~75 MB as Int16, so a
 * count alone could hold gigabytes), dropping the least recently used first. Concurrent gets of
 * one key share a single load: the cache holds the promise. A failed load (an error result or
 * a rejection, turned into an error result) is not kept, so the next get tries again.
 */
export function createBoundedCache<V>(limits: BoundedCacheLimits<V>): BoundedCache<V> {
  const maxEntries = Math.max(1, limits.maxEntries);
  const entries = new Map<string, Entry<V>>();
  let total = 0;

  const drop = (key: string): void => {
    const e = entries.get(key);
    if (!e) return;
    total -= e.size;
    entries.delete(key);
  };
  const trim = (): void => {
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries && total <= limits.maxBytes) break;
      drop(key);
    }
  };

  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const value: Promise<Result<V>> = load().then(
        (r) => r,
        (e: unknown): Result<V> => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
      const entry: Entry<V> = { value, size: 0 };
      entries.set(key, entry);
      trim();
      void value.then((r) => {
        if (entries.get(key) !== entry) return; // dropped meanwhile
        if (!r.ok) return drop(key);
        const size = limits.sizeOf(r.value);
        if (size > limits.maxBytes) return drop(key);
        entry.size = size;
        total += size;
        // Others go first: the one just loaded is the most recently used.
        trim();
      });
      return value;
    },
    keys: () => [...entries.keys()],
    bytes: () => total,
  };
}

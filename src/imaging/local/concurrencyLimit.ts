/**
 * A first-in, first-out limit on how many async tasks run at once: tasks beyond `limit` wait
 * their turn in the order they asked. The local loader reads files through one, so the slice
 * asked for first (the middle one) is read and decoded first instead of sharing the main
 * thread with every other file's read at once.
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    running--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** The mark the viewer sets when its first image is on screen (src/imaging/session/seriesLoader.ts). */
const FIRST_IMAGE_MARK = 'percuplan:first-image';

/**
 * Resolves once the viewer's first image after `since` (a performance.now() time) is on screen,
 * or after `timeoutMs` when none comes (a stack, a failed load), then when the main thread is
 * idle. Thumbnails wait for it: drawn at once they load and draw the same middle frame the viewer
 * is waiting for, on the same main thread and decode workers (0.6–1.1 s later first image
 * from the PACS on this machine).
 */
export function afterFirstImage(since: number, timeoutMs = 2000): Promise<void> {
  const seen = (): boolean => performance.getEntriesByName(FIRST_IMAGE_MARK, 'mark').some((m) => m.startTime >= since);
  return new Promise<void>((resolve) => {
    let done = false;
    let observer: PerformanceObserver | undefined;
    const finish = (): void => {
      if (done) return;
      done = true;
      observer?.disconnect();
      clearTimeout(timer);
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
      else setTimeout(resolve, 0);
    };
    const timer = setTimeout(finish, timeoutMs);
    if (seen()) return finish();
    if (typeof PerformanceObserver === 'function') {
      observer = new PerformanceObserver(() => {
        if (seen()) finish();
      });
      observer.observe({ type: 'mark' });
    }
  });
}

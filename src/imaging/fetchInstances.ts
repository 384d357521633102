import { prefetchPart10Instance } from '@cornerstonejs/dicom-image-loader';

/** Image id of a Part 10 file served over HTTP. */
export const imageIdForUrl = (url: string): string => `wadouri:${new URL(url, location.href).href}`;

/**
 * Fetches every file once and registers its parsed metadata with Cornerstone, so volume
 * geometry is read from every slice (not sampled) and pixels are decoded from the same bytes
 * without a second request. Runs `concurrency` requests at a time and reports progress.
 */
export async function fetchInstances(
  urls: readonly string[],
  onProgress: (done: number, total: number) => void,
  concurrency = 8,
): Promise<string[]> {
  const imageIds = urls.map(imageIdForUrl);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const i = next++;
      const url = urls[i] as string;
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      const bytes = await res.arrayBuffer();
      await prefetchPart10Instance(imageIds[i] as string, bytes);
      done++;
      onProgress(done, urls.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  return imageIds;
}

import { Enums, imageLoadPoolManager } from '@cornerstonejs/core';
import { LOCAL_SCHEME } from '../local/localImageStore';

/** Cornerstone's own limit on simultaneous prefetch requests (imageLoadPoolManager), restored for other series. */
const CORNERSTONE_PREFETCH_LIMIT = 1000;

/**
 * How many frames of a volume read from local files may be in flight at once: a few per
 * decode worker keeps every worker busy while the reads (file.slice) stay ahead of them.
 */
export const localFramesInFlight = (decodeWorkers: number): number => Math.max(8, 4 * decodeWorkers);

/** The decode workers initImaging gives Cornerstone's loader (src/imaging/init.ts). */
const defaultDecodeWorkers = (): number => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));

/**
 * Caps the frames a streaming volume of local files reads at once. Cornerstone queues a
 * volume's frames as prefetch requests and lets 1000 run together: from local files every read
 * finishes at once, so each frame's raw bytes wait in memory for a decode worker beside the
 * growing volume (up to the volume's size again at the peak). Only local series are capped; a
 * PACS series keeps Cornerstone's limit (its requests wait on the network, not on memory).
 */
export function capFrameRequestsFor(imageIds: readonly string[], decodeWorkers: number = defaultDecodeWorkers()): void {
  const local = imageIds.length > 0 && imageIds.every((id) => id.startsWith(`${LOCAL_SCHEME}:`));
  imageLoadPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Prefetch, local ? localFramesInFlight(decodeWorkers) : CORNERSTONE_PREFETCH_LIMIT);
}

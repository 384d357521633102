import { Enums, imageLoadPoolManager } from '@cornerstonejs/core';
import { LOCAL_SCHEME } from '../local/localImageStore';

/**
 * Frames of a PACS or server series in flight at once. Cornerstone's own limit (1000) sent every
 * frame request together: the browser runs 6 per host, but every answer's handling and decode
 * task queued on the main thread and the decode workers in arrival order, and the middle slice's
 * frame, first to arrive, reached the volume 6 s after its bytes (400-slice CT through the proxy,
 * this machine). 24 keeps the 6 connections busy with requests to spare: first image 9.5 → 5.8 s,
 * sample 8.9 → 4.6 s, volume ready unchanged within the noise (bench, one run each).
 */
export const SERVER_FRAMES_IN_FLIGHT = 24;

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
 * growing volume (up to the volume's size again at the peak). A PACS or server series is capped
 * at SERVER_FRAMES_IN_FLIGHT.
 */
export function capFrameRequestsFor(imageIds: readonly string[], decodeWorkers: number = defaultDecodeWorkers()): void {
  const local = imageIds.length > 0 && imageIds.every((id) => id.startsWith(`${LOCAL_SCHEME}:`));
  imageLoadPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Prefetch, local ? localFramesInFlight(decodeWorkers) : SERVER_FRAMES_IN_FLIGHT);
}

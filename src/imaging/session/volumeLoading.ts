import { Enums, volumeLoader, cache, eventTarget } from '@cornerstonejs/core';
import type { InstanceListing } from '../../dicom/studyListing';
import { fetchInstances } from '../fetchInstances';
import { centreOutOrder } from '../centreOutOrder';
import { releasePart10PixelData } from '../releasePart10PixelData';
import { releasePart10AsFramesLand } from '../memory/releasePart10AsFramesLand';
import { capFrameRequestsFor } from '../memory/frameRequestCap';

/** The shortest gap between two renders while frames stream in (ms). */
const RENDER_EVERY_MS = 500;
/** The gap is at least this many times what the last render cost the main thread. */
const RENDER_COST_FACTOR = 3;

/** The longest the views wait for the first slice before they are created without it (ms). */
const VIEWS_WAIT_MS = 1000;

/** What loading a volume tells the session, and asks of it. */
export interface VolumeLoadHooks {
  isDestroyed(): boolean;
  /** Headers fetched so far. */
  onHeaders(done: number, total: number): void;
  /** The volume exists in the cache (empty). */
  onCreated(volumeId: string, frameCount: number): void;
  /** The first frame is in (or VIEWS_WAIT_MS passed without it): the views may be created now. */
  onStreaming(): void;
  /** Frames decoded so far; at most once per animation frame. */
  onPixels(done: number, total: number): void;
  /** The first (middle) frame arrived: the next render of a 2D view is the benchmark's first image. */
  onFirstFrame(): void;
  /** Renders the views that already show the volume; returns how many. */
  renderVolumeViews(): number;
}

/**
 * Fetches a series' headers, creates its streaming volume and streams the pixels from the
 * middle slice outwards; resolves when every frame is in. Rejects on a fetch or cache error.
 */
export async function loadStreamingVolume(sessionId: number, instances: readonly InstanceListing[], hooks: VolumeLoadHooks): Promise<{ volumeId: string; frameCount: number }> {
  // Phase marks for `npm run bench`'s breakdown of the time to the first image.
  performance.mark('percuplan:open');
  const imageIds = await fetchInstances(instances, (done, total) => hooks.onHeaders(done, total));
  performance.mark('percuplan:headers');
  const volumeId = `cornerstoneStreamingImageVolume:percuplan-${sessionId}`;
  const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
  performance.mark('percuplan:volume-created');
  hooks.onCreated(volumeId, imageIds.length);
  capFrameRequestsFor(imageIds); // issue 17: a local series reads a few frames per decode worker at a time, not all at once
  releasePart10AsFramesLand(imageIds); // issue 17: each file's pixels go as its frame lands, not at the end
  streamCentreFirst(volume);
  await new Promise<void>((resolve) => {
    let lastRender = 0;
    let progressFrame = 0;
    let first = true;
    // Cornerstone calls the load callback once, at the end; each frame raises
    // IMAGE_VOLUME_MODIFIED. Its own re-render after every 2 % of the frames is off
    // (streamCentreFirst): without a GPU a render of three views costs a few hundred ms
    // and starved the loading. Render when the first (middle) slice arrives, then at most
    // twice a second, and no more than a quarter of the main thread's time (a render that
    // cost 500 ms waits 1.5 s for the next); the progress bar follows once per animation frame.
    // The views are created once the first (middle) slice is in, not before it: creating and
    // drawing them costs the main thread 1–2 s on a software GPU (shader compile, the whole
    // volume's texture), and the first slice's read and decode queued behind that work. A
    // series whose first frame is slow to come (a PACS) gets its views after VIEWS_WAIT_MS.
    // What the last render cost the main thread: Cornerstone renders in an animation frame, so
    // one frame callback queued before asking and one after bracket its work.
    let renderCost = 0;
    const renderTimed = (): number => {
      let start = 0;
      requestAnimationFrame(() => (start = performance.now()));
      const views = hooks.renderVolumeViews();
      requestAnimationFrame(() => (renderCost = start ? performance.now() - start : 0));
      return views;
    };
    let viewsStarted = false;
    const startViews = (): void => {
      if (viewsStarted || hooks.isDestroyed()) return;
      viewsStarted = true;
      clearTimeout(viewsTimer);
      hooks.onStreaming();
    };
    const viewsTimer = setTimeout(startViews, VIEWS_WAIT_MS);
    const onModified = (evt: Event): void => {
      const d = (evt as CustomEvent<{ volumeId?: string; framesProcessed?: number }>).detail;
      if (d?.volumeId !== volumeId || hooks.isDestroyed()) return;
      startViews();
      const now = performance.now();
      if (first || now - lastRender > Math.max(RENDER_EVERY_MS, RENDER_COST_FACTOR * renderCost)) {
        if (first) {
          if (!performance.getEntriesByName('percuplan:first-frame').length) performance.mark('percuplan:first-frame');
          hooks.onFirstFrame();
        }
        lastRender = now;
        // Until a view has its volume (setVolumes is asynchronous), the next frame tries again.
        if (renderTimed() > 0) first = false;
      }
      const done = d.framesProcessed ?? 0;
      if (!progressFrame) {
        progressFrame = requestAnimationFrame(() => {
          progressFrame = 0;
          hooks.onPixels(done, imageIds.length);
        });
      }
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
    volume.load(() => {
      eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
      if (progressFrame) cancelAnimationFrame(progressFrame);
      startViews();
      hooks.renderVolumeViews();
      resolve();
    });
  });
  releasePart10PixelData(imageIds);
  // For `npm run bench`: the volume is complete, with what Cornerstone's cache holds for it.
  // (Not volume.sizeInBytes: it reads voxel 0 through the voxel manager and threw here.)
  performance.mark('percuplan:volume-ready', {
    detail: { voxels: volume.numVoxels, cacheBytes: cache.getCacheSize(), dataType: volume.dataType ?? null },
  });
  return { volumeId, frameCount: imageIds.length };
}

/**
 * Loads a streaming volume from its middle slice outwards instead of from one end, and
 * without Cornerstone's re-render after every 2 % of the frames (the session renders on its
 * own cadence): the views open on the middle slice, which is then the first to arrive.
 */
function streamCentreFirst(volume: unknown): void {
  const v = volume as { autoRenderOnLoad?: boolean; getImageLoadRequests?: (priority: number) => unknown[] };
  v.autoRenderOnLoad = false;
  const original = v.getImageLoadRequests?.bind(volume);
  if (!original) return;
  v.getImageLoadRequests = (priority: number) => {
    const requests = original(priority);
    // Cornerstone queues the list reversed (see BaseStreamingImageVolume.loadImages).
    return centreOutOrder(requests.length)
      .map((i) => requests[i])
      .reverse();
  };
}

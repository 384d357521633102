import { Enums, volumeLoader, cache, eventTarget } from '@cornerstonejs/core';
import type { InstanceListing } from '../../dicom/studyListing';
import { fetchInstances } from '../fetchInstances';
import { centreOutOrder } from '../centreOutOrder';
import { releasePart10PixelData } from '../releasePart10PixelData';
import { releasePart10AsFramesLand } from '../memory/releasePart10AsFramesLand';

/** What loading a volume tells the session, and asks of it. */
export interface VolumeLoadHooks {
  isDestroyed(): boolean;
  /** Headers fetched so far. */
  onHeaders(done: number, total: number): void;
  /** The volume exists in the cache (empty). */
  onCreated(volumeId: string, frameCount: number): void;
  /** The frames have started to stream in; the views may be created now. */
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
    // twice a second; the progress bar follows once per animation frame.
    const onModified = (evt: Event): void => {
      const d = (evt as CustomEvent<{ volumeId?: string; framesProcessed?: number }>).detail;
      if (d?.volumeId !== volumeId || hooks.isDestroyed()) return;
      const now = performance.now();
      if (first || now - lastRender > 500) {
        if (first) {
          if (!performance.getEntriesByName('percuplan:first-frame').length) performance.mark('percuplan:first-frame');
          hooks.onFirstFrame();
        }
        lastRender = now;
        // Until a view has its volume (setVolumes is asynchronous), the next frame tries again.
        if (hooks.renderVolumeViews() > 0) first = false;
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
      hooks.renderVolumeViews();
      resolve();
    });
    hooks.onStreaming();
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

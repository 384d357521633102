import { Enums, eventTarget, type Types } from '@cornerstonejs/core';
import { releasePart10PixelData } from '../releasePart10PixelData';
import { Part10Landing } from './part10Landing';

/**
 * Drops each whole file's pixel bytes from Cornerstone's naturalized metadata as soon as its
 * frames are decoded (IMAGE_LOADED), instead of once the whole volume is in: a series read as
 * Part 10 files (`wadouri:`) otherwise holds every file's pixels beside the growing volume, so
 * the peak while loading is about twice the volume. A failed frame keeps its file (a retry
 * needs it). Stops listening by itself once every file is released; the returned function
 * stops it earlier (a load given up).
 */
export function releasePart10AsFramesLand(imageIds: readonly string[]): () => void {
  const landing = new Part10Landing(imageIds);
  if (landing.pending === 0) return () => undefined;
  const onLoaded = (evt: Event): void => {
    const id = (evt as CustomEvent<{ image?: Types.IImage }>).detail?.image?.imageId;
    const done = id === undefined ? undefined : landing.landed(id);
    if (done) releasePart10PixelData([done]);
    if (landing.pending === 0) stop();
  };
  const stop = (): void => eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, onLoaded);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, onLoaded);
  return stop;
}

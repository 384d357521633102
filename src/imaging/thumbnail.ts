import { utilities as csUtils } from '@cornerstonejs/core';
import { fetchInstances } from './fetchInstances';

/** Draws one image of a series (by URL) into a canvas, for the series browser. */
export async function renderThumbnail(canvas: HTMLCanvasElement, url: string): Promise<void> {
  const [imageId] = await fetchInstances([url], () => undefined, 1);
  if (!imageId) return;
  await csUtils.loadImageToCanvas({ canvas, imageId, thumbnail: true, useCPURendering: true });
}

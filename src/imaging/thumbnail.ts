import { utilities as csUtils } from '@cornerstonejs/core';
import { fetchInstances } from './fetchInstances';

/** Draws one image of a series (by URL) into a canvas, for the series browser. */
export async function renderThumbnail(canvas: HTMLCanvasElement, url: string): Promise<void> {
  const [imageId] = await fetchInstances([url], () => undefined, 1);
  if (!imageId) return;
  await csUtils.loadImageToCanvas({ canvas, imageId });
  // The loader sizes the canvas in CSS pixels; let the stylesheet fit it to its card.
  canvas.style.width = '';
  canvas.style.height = '';
}

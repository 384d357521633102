import { utilities as csUtils } from '@cornerstonejs/core';
import { fetchInstances } from './fetchInstances';
import type { InstanceListing } from '../dicom/studyListing';

/** Draws one image of a series into a canvas, for the series browser. */
export async function renderThumbnail(canvas: HTMLCanvasElement, instance: InstanceListing): Promise<void> {
  const [imageId] = await fetchInstances([instance], () => undefined, 1);
  if (!imageId) return;
  await csUtils.loadImageToCanvas({ canvas, imageId });
  // The loader sizes the canvas in CSS pixels; let the stylesheet fit it to its card.
  canvas.style.width = '';
  canvas.style.height = '';
}

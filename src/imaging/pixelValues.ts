import { imageLoader } from '@cornerstonejs/core';
import type { InstanceListing } from '../dicom/studyListing';
import { fetchInstances } from './fetchInstances';
import { initImaging } from './init';
import { huFromStored } from './session/huFromStored';

/**
 * The modality values (HU for CT) of an instance's first frame as the viewer decodes them,
 * with its size and transfer syntax: for the transfer-syntax comparison and the HU probe.
 */
export async function loadPixelValues(instance: Pick<InstanceListing, 'url' | 'metadata'>): Promise<{ rows: number; columns: number; values: number[] }> {
  await initImaging();
  const [imageId] = await fetchInstances([instance], () => undefined, 1);
  if (!imageId) throw new Error('no image id');
  const image = await imageLoader.loadAndCacheImage(imageId);
  const data = image.getPixelData();
  // The loader rescales to modality values when it can (preScale); otherwise apply it here.
  const scaling = { slope: image.slope ?? 1, intercept: image.intercept ?? 0, preScaled: image.preScale?.scaled === true || image.isPreScaled === true };
  return { rows: image.rows, columns: image.columns, values: Array.from(data, (v) => huFromStored(v, scaling)) };
}

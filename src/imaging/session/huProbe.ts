import { cache, utilities as csUtils, type Types } from '@cornerstonejs/core';
import type { Vec3 } from '../../shared/vec3';
import { csFromLps } from '../coordinates';
import { huFromStored } from './huFromStored';

/**
 * The modality value (HU for CT) of the stack image shown at a world point, or undefined
 * outside it. The dicom-image-loader pre-scales frames to modality values only when it can
 * (`preScale.scaled`); a frame it left raw is rescaled here with the image's Rescale Slope
 * and Intercept, so the probe never shows stored values as HU.
 */
export function huAtStack(vp: Types.IStackViewport | undefined, world: Vec3): number | undefined {
  const imageId = vp?.getCurrentImageId();
  const image = imageId ? cache.getImage(imageId) : undefined;
  if (!imageId || !image) return undefined;
  const ij = csUtils.worldToImageCoords(imageId, csFromLps(world));
  if (!ij) return undefined;
  const [c, r] = [Math.floor(ij[0]), Math.floor(ij[1])];
  if (c < 0 || r < 0 || c >= image.columns || r >= image.rows) return undefined;
  const stored = image.getPixelData()[r * image.columns + c];
  if (stored === undefined) return undefined;
  return huFromStored(stored, {
    slope: image.slope ?? 1,
    intercept: image.intercept ?? 0,
    preScaled: image.preScale?.scaled === true || image.isPreScaled === true,
  });
}

/**
 * The value of the voxel nearest a world point of a loaded volume, or undefined outside it.
 * A streaming volume's frames are scaled to modality values as they are written into its
 * buffer (Cornerstone's BaseStreamingImageVolume), as planning's HU volume also assumes.
 */
export function huAtVolume(volumeId: string | undefined, world: Vec3): number | undefined {
  const volume = volumeId ? cache.getVolume(volumeId) : undefined;
  if (!volume) return undefined;
  const ijk = csUtils.transformWorldToIndex(volume.imageData, csFromLps(world));
  const [i, j, k] = ijk.map(Math.round) as [number, number, number];
  const [di, dj, dk] = volume.dimensions;
  if (i < 0 || j < 0 || k < 0 || i >= di || j >= dj || k >= dk) return undefined;
  return volume.voxelManager?.getAtIJK(i, j, k) as number | undefined;
}

import { err, ok, type Result } from '../../shared/result';
import { lps } from '../../shared/vec3';
import { cropMask } from '../mask/tightBox';
import { boxVoxelCount, isEmptyBox, type VoxelBox } from '../mask/voxelBox';
import { countMask, type VoxelMask } from '../mask/voxelMask';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { base64ToBytes, bytesToBase64 } from './base64';
import { decodeRuns, encodeRuns } from './maskRuns';
import type { StoredGeometry, StoredMask } from './storedMask';

/** The series a mask was drawn on. */
export interface MaskSource {
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
}

/** The stored form of a grid geometry. */
export function storedGeometry(g: VolumeGeometry): StoredGeometry {
  const [a, b, c] = g.direction;
  return {
    dimensions: [g.dimensions[0], g.dimensions[1], g.dimensions[2]],
    spacing: [g.spacing[0], g.spacing[1], g.spacing[2]],
    origin: [g.origin[0], g.origin[1], g.origin[2]],
    direction: [a[0], a[1], a[2], b[0], b[1], b[2], c[0], c[1], c[2]],
  };
}

/** The grid geometry of a stored one. */
export function geometryOfStored(s: StoredGeometry): VolumeGeometry {
  const d = s.direction;
  return {
    dimensions: s.dimensions,
    spacing: s.spacing,
    origin: lps(s.origin[0], s.origin[1], s.origin[2]),
    direction: [
      [d[0], d[1], d[2]],
      [d[3], d[4], d[5]],
      [d[6], d[7], d[8]],
    ],
  };
}

/** Encodes a mask for a plan document, cropped to its tight box. */
export function encodeMask(mask: VoxelMask, geometry: VolumeGeometry, source: MaskSource): StoredMask {
  const tight = cropMask(mask);
  const empty = isEmptyBox(tight.box);
  return {
    encoding: 'rle-leb128-base64/v1',
    seriesInstanceUID: source.seriesInstanceUID,
    frameOfReferenceUID: source.frameOfReferenceUID,
    geometry: storedGeometry(geometry),
    box: empty
      ? { offset: [0, 0, 0], size: [0, 0, 0] }
      : { offset: [...tight.box.offset] as [number, number, number], size: [...tight.box.size] as [number, number, number] },
    voxelCount: empty ? 0 : countMask(tight),
    runs: empty ? '' : bytesToBase64(encodeRuns(tight.data)),
  };
}

/**
 * Decodes a stored mask (already checked against {@link storedMaskSchema}). Fails with a
 * message naming the field when the box leaves the grid or the runs do not add up.
 */
export function decodeMask(stored: StoredMask): Result<VoxelMask> {
  const dims = stored.geometry.dimensions;
  const box: VoxelBox = { offset: stored.box.offset, size: stored.box.size };
  if (isEmptyBox(box)) {
    if (stored.voxelCount !== 0 || stored.runs !== '') return err('box: empty, but runs or voxelCount say otherwise');
    return ok({ dimensions: dims, box: { offset: [0, 0, 0], size: [0, 0, 0] }, data: new Uint8Array(0) });
  }
  for (let a = 0; a < 3; a++) {
    if (box.offset[a]! + box.size[a]! > dims[a]!) return err(`box: leaves the ${dims.join(' × ')} grid along axis ${'ijk'[a]}`);
  }
  const bytes = base64ToBytes(stored.runs);
  if (!bytes) return err('runs: not valid base64');
  const decoded = decodeRuns(bytes, boxVoxelCount(box));
  if ('error' in decoded) return err(`runs: ${decoded.error}`);
  const mask: VoxelMask = { dimensions: dims, box, data: decoded.bits };
  const n = countMask(mask);
  if (n !== stored.voxelCount) return err(`voxelCount: ${stored.voxelCount}, but the runs hold ${n} voxels`);
  return ok(mask);
}

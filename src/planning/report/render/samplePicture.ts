import { sampleTrilinear } from '../../trajectory/sampleTrilinear';
import type { VoxelMask } from '../../mask/voxelMask';
import { maskValue } from '../../mask/voxelMask';
import { worldToIndexMatrix } from '../../volume/indexWorld';
import type { PlanningVolume } from '../../volume/planningVolume';
import type { VolumeGeometry } from '../../volume/volumeGeometry';
import type { RgbImage } from './rgbImage';
import type { PicturePlane } from './reportPlanes';

/** A display window in HU. */
export interface HuWindow {
  readonly width: number;
  readonly level: number;
}

/** Bone window W2000/L500: cortex, marrow and the lytic lesion in one picture. */
export const BONE_WINDOW: HuWindow = { width: 2000, level: 500 };
/** Soft-tissue window W400/L40. */
export const SOFT_TISSUE_WINDOW: HuWindow = { width: 400, level: 40 };

/**
 * The fractional voxel index of each pixel centre is affine in (x, y): index(0, 0) plus x and y
 * steps. Returns those three vectors for the grid.
 */
function pixelToIndex(g: VolumeGeometry, plane: PicturePlane): { base: number[]; dx: number[]; dy: number[] } {
  const m = worldToIndexMatrix(g);
  const apply = (v: readonly number[]) => [m[0] * v[0]! + m[1] * v[1]! + m[2] * v[2]!, m[3] * v[0]! + m[4] * v[1]! + m[5] * v[2]!, m[6] * v[0]! + m[7] * v[1]! + m[8] * v[2]!];
  return {
    base: apply([plane.origin[0] - g.origin[0], plane.origin[1] - g.origin[1], plane.origin[2] - g.origin[2]]),
    dx: apply(plane.right),
    dy: apply(plane.down),
  };
}

/**
 * Fills the picture with the CT sampled trilinearly at each pixel centre, in the window's greys
 * (level − width/2 black, level + width/2 white, linear between). Pixels outside the CT are black.
 */
export function paintCt(img: RgbImage, volume: PlanningVolume, plane: PicturePlane, window: HuWindow = BONE_WINDOW): void {
  const { base, dx, dy } = pixelToIndex(volume, plane);
  const low = window.level - window.width / 2;
  const k = 255 / window.width;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const hu = sampleTrilinear(volume, base[0]! + x * dx[0]! + y * dy[0]!, base[1]! + x * dx[1]! + y * dy[1]!, base[2]! + x * dx[2]! + y * dy[2]!);
      const g = Number.isNaN(hu) ? 0 : Math.max(0, Math.min(255, Math.round((hu - low) * k)));
      const at = (y * img.width + x) * 3;
      img.data[at] = g;
      img.data[at + 1] = g;
      img.data[at + 2] = g;
    }
  }
}

/** Which pixels of the picture lie in the mask (nearest voxel at each pixel centre): 1 inside, 0 outside, row-major. */
export function maskOnPicture(mask: VoxelMask, grid: VolumeGeometry, plane: PicturePlane): Uint8Array {
  const { base, dx, dy } = pixelToIndex(grid, plane);
  const out = new Uint8Array(plane.width * plane.height);
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      const i = Math.round(base[0]! + x * dx[0]! + y * dy[0]!);
      const j = Math.round(base[1]! + x * dx[1]! + y * dy[1]!);
      const kk = Math.round(base[2]! + x * dx[2]! + y * dy[2]!);
      out[y * plane.width + x] = maskValue(mask, i, j, kk);
    }
  }
  return out;
}

/**
 * The outline of a region: its pixels with a pixel outside it (or the picture's edge) among their
 * 8 neighbours. Drawing only the outline leaves the bone under the lesion readable.
 */
export function outlineOf(inside: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(inside.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!inside[y * width + x]) continue;
      let edge = false;
      for (let dy = -1; dy <= 1 && !edge; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height || !inside[ny * width + nx]) {
            edge = true;
            break;
          }
        }
      }
      if (edge) out[y * width + x] = 1;
    }
  }
  return out;
}

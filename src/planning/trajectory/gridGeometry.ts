import type { LpsPoint, Vec3 } from '../../shared/vec3';

/**
 * The volume inputs of the trajectory and zone metrics. Deliberately minimal and structurally
 * the same as planning/volume's `VolumeGeometry` and `PlanningVolume`, so a loaded CT volume
 * can be passed as it is; a segmentation mask is passed with its grid (see `BinaryVolume`).
 */

/**
 * Where a voxel grid sits in patient space. Voxel (i, j, k) has its centre at
 * `origin + i·spacing[0]·direction[0] + j·spacing[1]·direction[1] + k·spacing[2]·direction[2]`;
 * data are stored with i fastest: `i + nx·(j + ny·k)`.
 */
export interface GridGeometry {
  /** Voxel counts along i (columns), j (rows), k (slices). */
  readonly dimensions: readonly [number, number, number];
  /** Voxel spacing in mm along i, j and k. */
  readonly spacing: readonly [number, number, number];
  /** LPS centre of voxel (0, 0, 0). */
  readonly origin: LpsPoint;
  /** Unit LPS directions of increasing i, j and k. */
  readonly direction: readonly [Vec3, Vec3, Vec3];
}

/** A scalar volume on a grid, e.g. CT in Hounsfield units. */
export interface ScalarVolume extends GridGeometry {
  readonly scalars: ArrayLike<number>;
}

/** A block of voxels of a grid: the first voxel and the counts along i, j and k. */
export interface GridBox {
  readonly offset: readonly [number, number, number];
  readonly size: readonly [number, number, number];
}

/**
 * A binary mask (a lesion or a structure at risk) on a grid, stored only inside `box`:
 * `data[x + sx·(y + sy·z)]` for voxel `(offset + [x, y, z])`, non-zero inside. Voxels outside
 * the box are outside the mask. A whole-volume mask has the box `{ offset: [0,0,0], size: dimensions }`.
 */
export interface BinaryVolume {
  readonly geometry: GridGeometry;
  readonly box: GridBox;
  readonly data: Uint8Array;
}

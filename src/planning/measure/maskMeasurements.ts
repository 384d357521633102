import type { LpsPoint, Vec3 } from '../../shared/vec3';

/** What {@link measureMask} reports about a mask. Lengths in mm, volume in mL. */
export interface MaskMeasurements {
  readonly voxelCount: number;
  readonly volumeMl: number;
  /** Mean of the voxel centres; null for an empty mask. */
  readonly centroid: LpsPoint | null;
  /**
   * Extents along the principal axes (longest first): the length of the mask's voxels,
   * seen as boxes, projected on each eigenvector of the covariance of their centres.
   */
  readonly principalDiametersMm: readonly [number, number, number];
  /** Unit LPS directions of those axes, in the same order. */
  readonly principalAxes: readonly [Vec3, Vec3, Vec3];
  /** Longest in-plane extent on any one slice (corner to corner of the voxels), with where it is. */
  readonly longestAxialDiameterMm: number;
  readonly longestAxialDiameter: { readonly slice: number; readonly from: LpsPoint; readonly to: LpsPoint } | null;
  /**
   * True when the slices are axial (their normal within 10° of the patient's z): only then
   * is the per-slice diameter the axial one that reports quote.
   */
  readonly slicesAreAxial: boolean;
  /** HU over the mask's voxels; null for an empty mask. */
  readonly hu: { readonly mean: number; readonly min: number; readonly max: number } | null;
}

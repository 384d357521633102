import type { LpsPoint, Vec3 } from '../../shared/vec3';

/** A ball brush: every voxel whose centre lies within `radiusMm` of `centre`. */
export interface SphereBrush {
  readonly kind: 'sphere';
  readonly centre: LpsPoint;
  readonly radiusMm: number;
}

/**
 * A disc brush in the plane of a view: voxels within `radiusMm` of `centre` in that plane,
 * one voxel thick along `normal` (the view's plane normal, any length).
 */
export interface DiscBrush {
  readonly kind: 'disc';
  readonly centre: LpsPoint;
  readonly radiusMm: number;
  readonly normal: Vec3;
}

/** The shape of one brush or eraser dab. */
export type BrushShape = SphereBrush | DiscBrush;

/** Whether a dab sets or clears voxels. */
export type BrushMode = 'paint' | 'erase';

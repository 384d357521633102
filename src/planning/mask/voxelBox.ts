import type { Dimensions3 } from '../volume/volumeGeometry';

/**
 * An axis-aligned block of voxels of a grid: the first voxel (`offset`) and how many along
 * i, j and k (`size`). A box with any size 0 is empty.
 */
export interface VoxelBox {
  readonly offset: readonly [number, number, number];
  readonly size: readonly [number, number, number];
}

/** The empty box. */
export const EMPTY_BOX: VoxelBox = { offset: [0, 0, 0], size: [0, 0, 0] };

/** Voxels in a box. */
export const boxVoxelCount = (b: VoxelBox): number => b.size[0] * b.size[1] * b.size[2];

/** True when a box holds no voxel. */
export const isEmptyBox = (b: VoxelBox): boolean => b.size[0] <= 0 || b.size[1] <= 0 || b.size[2] <= 0;

/** The whole grid as a box. */
export const fullBox = (d: Dimensions3): VoxelBox => ({ offset: [0, 0, 0], size: [d[0], d[1], d[2]] });

/** A box from inclusive integer corners; empty when any max < min. */
export function boxFromCorners(min: readonly number[], max: readonly number[]): VoxelBox {
  const size: [number, number, number] = [0, 0, 0];
  for (let a = 0; a < 3; a++) size[a] = Math.max(0, max[a]! - min[a]! + 1);
  if (size.some((s) => s === 0)) return EMPTY_BOX;
  return { offset: [min[0]!, min[1]!, min[2]!], size };
}

/** The common part of two boxes. */
export function intersectBoxes(a: VoxelBox, b: VoxelBox): VoxelBox {
  if (isEmptyBox(a) || isEmptyBox(b)) return EMPTY_BOX;
  const min = [0, 1, 2].map((x) => Math.max(a.offset[x]!, b.offset[x]!));
  const max = [0, 1, 2].map((x) => Math.min(a.offset[x]! + a.size[x]!, b.offset[x]! + b.size[x]!) - 1);
  return boxFromCorners(min, max);
}

/** The smallest box holding both. */
export function unionBoxes(a: VoxelBox, b: VoxelBox): VoxelBox {
  if (isEmptyBox(a)) return b;
  if (isEmptyBox(b)) return a;
  const min = [0, 1, 2].map((x) => Math.min(a.offset[x]!, b.offset[x]!));
  const max = [0, 1, 2].map((x) => Math.max(a.offset[x]! + a.size[x]!, b.offset[x]! + b.size[x]!) - 1);
  return boxFromCorners(min, max);
}

/** True when `outer` holds every voxel of `inner`. */
export function boxContains(outer: VoxelBox, inner: VoxelBox): boolean {
  if (isEmptyBox(inner)) return true;
  if (isEmptyBox(outer)) return false;
  for (let a = 0; a < 3; a++) {
    if (inner.offset[a]! < outer.offset[a]! || inner.offset[a]! + inner.size[a]! > outer.offset[a]! + outer.size[a]!) return false;
  }
  return true;
}

/** A box grown by `margin` voxels per axis on each side, clipped to the grid. */
export function expandBox(b: VoxelBox, margin: readonly [number, number, number], d: Dimensions3): VoxelBox {
  if (isEmptyBox(b)) return EMPTY_BOX;
  const min = [0, 1, 2].map((x) => Math.max(0, b.offset[x]! - margin[x]!));
  const max = [0, 1, 2].map((x) => Math.min(d[x]! - 1, b.offset[x]! + b.size[x]! - 1 + margin[x]!));
  return boxFromCorners(min, max);
}

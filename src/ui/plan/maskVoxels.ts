/** A mask's voxels, as the plan panel counts them. */
export interface CountableMask {
  readonly data: ArrayLike<number>;
}

const counts = new WeakMap<CountableMask, number>();

/**
 * The number of set voxels of a mask, counted once per mask object: masks are immutable in
 * the plan store (an edit makes a new one), so a panel re-render costs a map lookup, not a
 * pass over millions of voxels.
 */
export function voxelCount(mask: CountableMask): number {
  const known = counts.get(mask);
  if (known !== undefined) return known;
  let n = 0;
  const d = mask.data;
  for (let i = 0; i < d.length; i++) if (d[i]) n++;
  counts.set(mask, n);
  return n;
}

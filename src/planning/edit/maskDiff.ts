import { boxContains, unionBoxes, type VoxelBox } from '../mask/voxelBox';
import { reboxMask, type VoxelMask } from '../mask/voxelMask';

/**
 * The voxels an edit flipped, as runs along i: `runs[2n]` is the volume index
 * `i + nx·(j + ny·k)` where a run starts and `runs[2n + 1]` its length. Applying a diff
 * flips its voxels, so the same diff undoes and redoes an edit, and it costs a few bytes per
 * row touched instead of a copy of the mask.
 */
export interface MaskDiff {
  readonly runs: Uint32Array;
  /** The box holding every flipped voxel (empty for a no-op). */
  readonly box: VoxelBox;
  readonly voxelCount: number;
}

/** Collects flipped voxels, given in increasing volume index, into runs. */
export class DiffBuilder {
  private runs: number[] = [];
  private runStart = -2;
  private runEnd = -2;
  private count = 0;
  private readonly min = [Infinity, Infinity, Infinity];
  private readonly max = [-1, -1, -1];

  constructor(private readonly nx: number, private readonly ny: number) {}

  /** Records a flip of volume voxel (i, j, k); indices must grow from call to call. */
  add(i: number, j: number, k: number): void {
    const index = i + this.nx * (j + this.ny * k);
    this.count++;
    if (i < this.min[0]!) this.min[0] = i;
    if (j < this.min[1]!) this.min[1] = j;
    if (k < this.min[2]!) this.min[2] = k;
    if (i > this.max[0]!) this.max[0] = i;
    if (j > this.max[1]!) this.max[1] = j;
    if (k > this.max[2]!) this.max[2] = k;
    // A run never wraps to the next row, so replaying it needs no row arithmetic.
    if (index === this.runEnd && i !== 0) {
      this.runEnd++;
      return;
    }
    this.flush();
    this.runStart = index;
    this.runEnd = index + 1;
  }

  /** The diff collected so far. */
  build(): MaskDiff {
    this.flush();
    this.runStart = this.runEnd = -2;
    const box: VoxelBox =
      this.count === 0
        ? { offset: [0, 0, 0], size: [0, 0, 0] }
        : {
            offset: [this.min[0]!, this.min[1]!, this.min[2]!],
            size: [this.max[0]! - this.min[0]! + 1, this.max[1]! - this.min[1]! + 1, this.max[2]! - this.min[2]! + 1],
          };
    return { runs: Uint32Array.from(this.runs), box, voxelCount: this.count };
  }

  private flush(): void {
    if (this.runStart >= 0) this.runs.push(this.runStart, this.runEnd - this.runStart);
    this.runStart = -2;
  }
}

/**
 * Flips the voxels of a diff in a mask, in place when its box already holds them and in a
 * grown copy otherwise. Returns the mask to use from now on.
 */
export function applyDiff(mask: VoxelMask, diff: MaskDiff): VoxelMask {
  if (diff.voxelCount === 0) return mask;
  const m = boxContains(mask.box, diff.box) ? mask : reboxMask(mask, unionBoxes(mask.box, diff.box));
  const [nx, ny] = m.dimensions;
  const [ox, oy, oz] = m.box.offset;
  const [sx, sy] = m.box.size;
  const plane = nx * ny;
  for (let r = 0; r < diff.runs.length; r += 2) {
    const start = diff.runs[r]!;
    const length = diff.runs[r + 1]!;
    const k = Math.floor(start / plane);
    const j = Math.floor((start - k * plane) / nx);
    const i = start - k * plane - j * nx;
    const at = ((k - oz) * sy + (j - oy)) * sx + (i - ox);
    for (let q = 0; q < length; q++) m.data[at + q] = m.data[at + q]! ^ 1;
  }
  return m;
}

/** The diff turning mask `a` into mask `b` (both over the same volume), e.g. to record a new grow. */
export function diffMasks(a: VoxelMask, b: VoxelMask): MaskDiff {
  const box = unionBoxes(a.box, b.box);
  const [nx, ny] = a.dimensions;
  const builder = new DiffBuilder(nx, ny);
  const ra = reboxMask(a, box);
  const rb = reboxMask(b, box);
  const [ox, oy, oz] = box.offset;
  const [sx, sy, sz] = box.size;
  for (let z = 0, p = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) if (ra.data[p] !== rb.data[p]) builder.add(ox + x, oy + y, oz + z);
    }
  }
  return builder.build();
}

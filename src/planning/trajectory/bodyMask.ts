import type { ScalarVolume } from './gridGeometry';

const OUTSIDE = 1;
const BODY = 2;

/** A stack of voxel offsets that grows as needed: one sized to the volume would cost 4 bytes a voxel. */
interface Stack {
  data: Int32Array;
  size: number;
}

function push(st: Stack, v: number): void {
  if (st.size === st.data.length) {
    const bigger = new Int32Array(st.data.length * 2);
    bigger.set(st.data);
    st.data = bigger;
  }
  st.data[st.size++] = v;
}

/** Labels voxel `n` and queues it for its neighbours. */
function mark(label: Uint8Array, st: Stack, n: number, value: number): void {
  label[n] = value;
  push(st, n);
}

/** Slices `from` to `to` (inclusive) of the volume, as far as the body search looks. */
export interface SliceRange {
  readonly from: number;
  readonly to: number;
}

/** The body within a range of slices: `mask[i + nx·(j + ny·(k − slices.from))]` is 1 inside. */
export interface BodyMask {
  readonly slices: SliceRange;
  readonly mask: Uint8Array;
}

/**
 * The patient's body in a CT: the voxels 6-connected to `seed` (a voxel offset `i + nx·(j + ny·k)`)
 * that are not outside air, where outside air is every voxel below `airHu` reached from the edge
 * of its own slice (k) without crossing tissue. Gas inside the body (lungs, bowel) is closed off
 * from the edge in every axial slice and so belongs to the body; the CT table, pads and anything
 * else parted from the patient by air are not in it. Only the slices in `slices` are searched
 * (all by default), which keeps a click fast on a large CT; a part of the body joined to the rest
 * only outside them (an arm, through the shoulder) then counts as outside.
 * Returns the mask over those slices only (a whole-volume mask would cost a byte a voxel on
 * every click), or null when the seed voxel is outside air or outside `slices`.
 */
export function bodyMask(ct: ScalarVolume, seed: number, airHu: number, slices?: SliceRange): BodyMask | null {
  const [nx, ny, nz] = ct.dimensions;
  const plane = nx * ny;
  const k0 = Math.max(0, slices?.from ?? 0);
  const k1 = Math.min(nz - 1, slices?.to ?? nz - 1);
  if (k0 > k1) return null;
  const s = ct.scalars;
  const first = k0 * plane;
  const label = new Uint8Array(plane * (k1 - k0 + 1));
  const st: Stack = { data: new Int32Array(1 << 16), size: 0 };

  // Outside air, slice by slice (4-connected in the slice), from the slice's edge inwards.
  // Offsets below are within the slab: voxel L of the labels is voxel L + first of the CT.
  const last = k1 - k0;
  for (let k = 0; k <= last; k++) {
    const base = k * plane;
    for (let q = 0; q < plane; q++) {
      const j = (q / nx) | 0;
      const i = q - j * nx;
      if (i !== 0 && i !== nx - 1 && j !== 0 && j !== ny - 1) continue;
      const p = base + q;
      if (label[p] === 0 && s[p + first]! < airHu) mark(label, st, p, OUTSIDE);
    }
    while (st.size > 0) {
      const p = st.data[--st.size]!;
      const q = p - base;
      const j = (q / nx) | 0;
      const i = q - j * nx;
      let n = p - 1;
      if (i > 0 && label[n] === 0 && s[n + first]! < airHu) mark(label, st, n, OUTSIDE);
      n = p + 1;
      if (i < nx - 1 && label[n] === 0 && s[n + first]! < airHu) mark(label, st, n, OUTSIDE);
      n = p - nx;
      if (j > 0 && label[n] === 0 && s[n + first]! < airHu) mark(label, st, n, OUTSIDE);
      n = p + nx;
      if (j < ny - 1 && label[n] === 0 && s[n + first]! < airHu) mark(label, st, n, OUTSIDE);
    }
  }

  const start = seed - first;
  if (!(start >= 0 && start < label.length) || label[start] === OUTSIDE) return null;
  // The body: everything not outside air that is joined to the seed in 3D.
  mark(label, st, start, BODY);
  while (st.size > 0) {
    const p = st.data[--st.size]!;
    const k = (p / plane) | 0;
    const q = p - k * plane;
    const j = (q / nx) | 0;
    const i = q - j * nx;
    let n = p - 1;
    if (i > 0 && label[n] === 0) mark(label, st, n, BODY);
    n = p + 1;
    if (i < nx - 1 && label[n] === 0) mark(label, st, n, BODY);
    n = p - nx;
    if (j > 0 && label[n] === 0) mark(label, st, n, BODY);
    n = p + nx;
    if (j < ny - 1 && label[n] === 0) mark(label, st, n, BODY);
    n = p - plane;
    if (k > 0 && label[n] === 0) mark(label, st, n, BODY);
    n = p + plane;
    if (k < last && label[n] === 0) mark(label, st, n, BODY);
  }
  for (let p = 0; p < label.length; p++) label[p] = label[p] === BODY ? 1 : 0;
  return { slices: { from: k0, to: k1 }, mask: label };
}

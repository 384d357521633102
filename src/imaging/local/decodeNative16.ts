/** The voxel types a 16-bit frame may go into in a volume. */
export type Native16Target = 'Int16Array' | 'Uint16Array' | 'Float32Array';

/** A decoded frame: its values in the target type and its range after the rescale. */
export interface Native16Frame {
  pixelData: Int16Array | Uint16Array | Float32Array;
  /** `slope × smallest stored value + intercept`, as Cornerstone states a rescaled frame's range. */
  min: number;
  max: number;
}

const RANGE: Record<Native16Target, readonly [number, number]> = {
  Int16Array: [-32768, 32767],
  Uint16Array: [0, 65535],
  Float32Array: [-Infinity, Infinity],
};

/**
 * Decodes a native little-endian 16-bit frame straight into a volume's voxel type in one pass
 * (the stored value times the slope plus the intercept, and the stored range). Cornerstone's
 * decode takes four passes for the same result (a sign-extension pass that changes nothing at
 * 16 bits stored, the range, a copy into the target, the rescale). Returns undefined where the
 * result would not be the same as Cornerstone's: fewer than 16 bits stored in signed data
 * (Cornerstone sign-extends them), a fractional rescale into an integer type, or rescaled
 * values outside the target type.
 */
export function decodeNative16(
  bytes: Uint8Array,
  frame: { signed: boolean; bitsStored: number },
  target: Native16Target,
  rescale?: { slope: number; intercept: number },
): Native16Frame | undefined {
  if (frame.signed && frame.bitsStored !== 16) return undefined;
  const slope = rescale?.slope ?? 1;
  const intercept = rescale?.intercept ?? 0;
  if (target !== 'Float32Array' && !(Number.isInteger(slope) && Number.isInteger(intercept))) return undefined;
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const n = aligned.byteLength >> 1;
  const stored = frame.signed ? new Int16Array(aligned.buffer, aligned.byteOffset, n) : new Uint16Array(aligned.buffer, aligned.byteOffset, n);
  const out = target === 'Int16Array' ? new Int16Array(n) : target === 'Uint16Array' ? new Uint16Array(n) : new Float32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = stored[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    out[i] = v * slope + intercept;
  }
  if (n === 0) lo = hi = 0;
  const min = slope * lo + intercept;
  const max = slope * hi + intercept;
  const [low, high] = RANGE[target];
  if (Math.min(min, max) < low || Math.max(min, max) > high) return undefined;
  return { pixelData: out, min, max };
}

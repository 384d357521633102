/** Stored pixel = HU - RESCALE_INTERCEPT (slope 1), unsigned 16-bit. */
export const RESCALE_INTERCEPT = -1024;

/** The stored value of a HU (rounded; clamped to what 16 unsigned bits can hold). */
export function huToStored(hu: number): number {
  const v = Math.round(hu - RESCALE_INTERCEPT);
  return v < 0 ? 0 : v > 65535 ? 65535 : v;
}

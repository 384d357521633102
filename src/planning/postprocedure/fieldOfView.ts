import type { PlanningVolume } from '../volume/planningVolume';

/**
 * The value a cone-beam CT writes outside its field of view, or null when it has none: the
 * corner voxels of the first, middle and last slices all holding one value, the volume's
 * minimum (a scanner fills the corners outside its cylinder with a constant; air there would
 * carry noise).
 */
export function paddingValue(v: PlanningVolume): number | null {
  const [nx, ny, nz] = v.dimensions;
  const s = v.scalars;
  const values: number[] = [];
  for (const k of [0, nz >> 1, nz - 1]) for (const j of [0, ny - 1]) for (const i of [0, nx - 1]) values.push(s[i + nx * (j + ny * k)]!);
  const first = values[0]!;
  if (!values.every((x) => x === first)) return null;
  let min = Infinity;
  for (let p = 0; p < s.length; p += 97) if (s[p]! < min) min = s[p]!;
  return first <= min ? first : null;
}

/** True when voxel (i, j, k) and its six neighbours hold the padding value (outside the field of view). */
export function isPadding(v: PlanningVolume, padding: number | null, i: number, j: number, k: number): boolean {
  if (padding === null) return false;
  const [nx, ny, nz] = v.dimensions;
  const s = v.scalars;
  const at = (a: number, b: number, c: number) => {
    const x = Math.min(nx - 1, Math.max(0, a)), y = Math.min(ny - 1, Math.max(0, b)), z = Math.min(nz - 1, Math.max(0, c));
    return s[x + nx * (y + ny * z)]! === padding;
  };
  return at(i, j, k) && at(i - 1, j, k) && at(i + 1, j, k) && at(i, j - 1, k) && at(i, j + 1, k) && at(i, j, k - 1) && at(i, j, k + 1);
}

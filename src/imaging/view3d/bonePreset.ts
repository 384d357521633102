/**
 * The 3D view's bone rendering, as numbers (the vtk/Cornerstone side is in boneRendering.ts).
 *
 * Why Cornerstone's "CT-Bones" speckled on software WebGL (SwiftShader): its opacity starts
 * at 152 HU and stays below 0.2, so (a) the CT table's thin shells (≈ 250 HU, 1.2 mm in the
 * sample studies; 200–400 HU on real tables) and cancellous bone were faintly opaque, and
 * (b) every pixel summed a random number of faint samples. With the coarse steps software
 * rendering needs (4.7 mm: 8 × the default) and vtk.js's per-pixel jittered ray start, a
 * 1–2 mm shell is hit by some rays and missed by their neighbours: the whole field behind the
 * patient (the table) and every thin cortex turned to salt and pepper.
 *
 * The fix: opacity only above the table and cancellous bone (from 300 HU), rising steeply to
 * near-opaque cortex, so a ray stops at the first cortex it meets (a surface, shaded once);
 * and steps shorter than a cortex is thick, so no ray steps over one.
 */

/** A Cornerstone volume preset (the shape of its VIEWPORT_PRESETS entries). */
export interface VolumePreset {
  readonly name: string;
  readonly gradientOpacity: string;
  readonly specularPower: string;
  readonly scalarOpacity: string;
  readonly specular: string;
  readonly shade: string;
  readonly ambient: string;
  readonly colorTransfer: string;
  readonly diffuse: string;
  readonly interpolation: string;
}

/** HU at and below which nothing is drawn: above a CT table's shells and cancellous bone. */
export const BONE_OPACITY_START_HU = 300;

/** (HU, opacity) of the bone ramp. */
export const BONE_OPACITY: readonly (readonly [number, number])[] = [
  [-3024, 0],
  [BONE_OPACITY_START_HU, 0],
  // Steep: a thin cortex (case 3's vertebrae: 2 mm at 1050 HU) reads 400–600 HU where a 2.4 mm
  // software step samples it off centre; at 450/700 the spine showed as faint dots in 3D.
  [380, 0.5],
  [500, 0.9],
  [3071, 0.95],
];

/**
 * (HU, r, g, b) of the bone colour: one ivory over the whole bone range. A ray stops at a
 * random depth within the cortex (the jittered start), so a colour that changed with HU
 * changed from pixel to pixel: speckle.
 */
export const BONE_COLOUR: readonly (readonly [number, number, number, number])[] = [
  [-3024, 0, 0, 0],
  [BONE_OPACITY_START_HU - 1, 0, 0, 0],
  [BONE_OPACITY_START_HU, 0.93, 0.88, 0.78],
  [3071, 0.93, 0.88, 0.78],
];

/** The name the preset is registered under in Cornerstone. */
export const BONE_PRESET_NAME = 'PercuPlan-Bone';

/** Linear interpolation in a sorted (x, y) table, clamped at both ends. */
export function rampAt(points: readonly (readonly [number, number])[], x: number): number {
  const first = points[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x0, y0] = points[i - 1]!;
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1]![1];
}

/** The preset in Cornerstone's string form ("count v1 v2 …"). */
export function bonePreset(): VolumePreset {
  const flat = (rows: readonly (readonly number[])[]): string => {
    const values = rows.flat();
    return [values.length, ...values].join(' ');
  };
  return {
    name: BONE_PRESET_NAME,
    // Constant 1: gradient opacity would thin the cortex where the CT noise flattens it.
    gradientOpacity: '4 0 1 255 1',
    specularPower: '10',
    scalarOpacity: flat(BONE_OPACITY),
    // Mostly ambient: a normal taken at a random depth in the cortex is noisy, and what the
    // diffuse and specular terms add of that noise is speckle.
    specular: '0.05',
    shade: '1',
    ambient: '0.4',
    colorTransfer: flat(BONE_COLOUR),
    diffuse: '0.65',
    interpolation: '1',
  };
}

/**
 * The ray step (mm) on software rendering. The cortex above 300 HU, blurred as a scanner blurs
 * it, is about 3–4 mm across (a 1.5–2.2 mm cortical plate of 1000+ HU). Measured on case 1 in
 * the 2×2 layout (tests/e2e/view3d.test.ts, this 2-core machine under load, so rough): 1.4 mm
 * read clean (2.5 % speckle) but took 2.5 × the old frame (CT-Bones at 8 × the default step);
 * 3.2 mm cost 1.25 × and left 7 % speckle. 2.4 mm is between. Never finer than Cornerstone's
 * default (the mean spacing / 2).
 */
export const SOFTWARE_STEP_MM = 2.4;

/** Cornerstone's default step for a spacing: (sx + sy + sz) / 6. */
export function defaultStepMm(spacing: readonly [number, number, number]): number {
  return (spacing[0] + spacing[1] + spacing[2]) / 6;
}

/** The step the 3D view samples at: the default on a GPU, SOFTWARE_STEP_MM (or the default, if coarser) on software. */
export function rayStepMm(spacing: readonly [number, number, number], software: boolean): number {
  const d = defaultStepMm(spacing);
  return software ? Math.max(d, SOFTWARE_STEP_MM) : d;
}

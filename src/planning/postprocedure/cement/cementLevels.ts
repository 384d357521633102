import type { VoxelBox } from '../../mask/voxelBox';
import type { PlanningVolume } from '../../volume/planningVolume';

/**
 * No standard HU threshold exists for PMMA on cone-beam CT; the literature's floor for a
 * per-scan threshold is about 1500 HU (shared/docs/post-procedure.md): cortical bone stays below it.
 */
export const CEMENT_FLOOR_HU = 1500;

/** Bone starts above soft tissue (muscle, blood, disc ≤ ~100 HU). */
const BONE_SEARCH_FROM_HU = 120;

const BIN = 20;
const LO = -1100;
const HI = 16000;

/** The histogram of a block of a volume, bins of 20 HU from −1100 HU (values beyond the ends go to the end bins). */
export function blockHistogram(v: PlanningVolume, box: VoxelBox): Float64Array {
  const bins = new Float64Array(Math.ceil((HI - LO) / BIN));
  const [nx, ny] = v.dimensions;
  const s = v.scalars;
  const last = bins.length - 1;
  for (let k = box.offset[2]; k < box.offset[2] + box.size[2]; k++) {
    for (let j = box.offset[1]; j < box.offset[1] + box.size[1]; j++) {
      const row = nx * (j + ny * k);
      for (let i = box.offset[0]; i < box.offset[0] + box.size[0]; i++) {
        const b = Math.floor((s[row + i]! - LO) / BIN);
        bins[b < 0 ? 0 : b > last ? last : b]! += 1;
      }
    }
  }
  return bins;
}

const hu = (bin: number) => LO + (bin + 0.5) * BIN;
const binOf = (h: number) => Math.floor((h - LO) / BIN);

function smooth(h: Float64Array, sigmaBins: number): Float64Array {
  const r = Math.ceil(3 * sigmaBins);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigmaBins * sigmaBins)));
  const out = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++) {
    let s = 0, w = 0;
    for (let d = -r; d <= r; d++) {
      const j = i + d;
      if (j < 0 || j >= h.length) continue;
      s += h[j]! * k[d + r]!;
      w += k[d + r]!;
    }
    out[i] = s / w;
  }
  return out;
}

/** Local maxima of a histogram between two HU, strongest first. */
function peaks(h: Float64Array, fromHu: number, toHu: number): { hu: number; count: number }[] {
  const out: { hu: number; count: number }[] = [];
  for (let i = Math.max(1, binOf(fromHu)); i < Math.min(h.length - 1, binOf(toHu)); i++) {
    if (h[i]! > 0 && h[i]! >= h[i - 1]! && h[i]! > h[i + 1]!) out.push({ hu: hu(i), count: h[i]! });
  }
  return out.sort((a, b) => b.count - a.count);
}

/** What the histogram of a scan's region says about its cement. */
export interface CementLevels {
  /** The cement's mode (HU): the lowest strong peak above the floor. */
  readonly cementPeakHu: number;
  /** The bone's mode (HU) between soft tissue and the floor; null when the region shows none. */
  readonly bonePeakHu: number | null;
  /** Halfway between the two peaks, never below the floor. */
  readonly thresholdHu: number;
}

/**
 * Finds the cement and bone peaks of a region's histogram (smoothed over 3 bins) and the
 * threshold halfway between them (a voxel half cement, half bone reads there), at least
 * {@link CEMENT_FLOOR_HU}. Peaks above the floor under 5 % of the strongest one, or under twice the lowest
 * count between the floor and them (a bump on the tail of cortex), are noise or partial volume; of the rest the lowest is the cement (metal, if any, reads higher). Null
 * when nothing above the floor forms a peak of at least `minVoxels` voxels.
 */
export function cementLevels(histogram: Float64Array, minVoxels = 30): CementLevels | null {
  const h = smooth(histogram, 3);
  const high = peaks(h, CEMENT_FLOOR_HU, HI);
  const strongest = high[0]?.count ?? 0;
  // A real material stands out of what lies between it and the floor (the tail of cortex does not).
  const valley = (p: { hu: number }) => {
    let min = Infinity;
    for (let i = binOf(CEMENT_FLOOR_HU); i < binOf(p.hu); i++) min = Math.min(min, h[i]!);
    return min;
  };
  const strong = high.filter((p) => p.count >= Math.max(0.05 * strongest, 1e-9) && p.count >= 2 * valley(p));
  if (strong.length === 0) return null;
  const cement = strong.reduce((a, b) => (b.hu < a.hu ? b : a));
  // Voxels within two bins of the peak, a rough count of the material.
  let near = 0;
  for (let i = binOf(cement.hu) - 10; i <= binOf(cement.hu) + 10; i++) near += histogram[i] ?? 0;
  if (near < minVoxels) return null;
  const bone = peaks(h, BONE_SEARCH_FROM_HU, CEMENT_FLOOR_HU)[0] ?? null;
  const thresholdHu = Math.max(CEMENT_FLOOR_HU, bone ? (bone.hu + cement.hu) / 2 : CEMENT_FLOOR_HU);
  return { cementPeakHu: cement.hu, bonePeakHu: bone ? bone.hu : null, thresholdHu };
}

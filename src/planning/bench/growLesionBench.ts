/**
 * Benchmark of the lesion grow and of the measurements after a brush stroke, on a synthetic
 * 512 × 512 × 300 CT (0.78 × 0.78 × 1 mm): a body of muscle and fat, a block of bone
 * (cortex over cancellous) holding a 63 mL lytic lesion that breaks through one cortex,
 * partial-volume blur and σ = 12 HU noise. Prints timings; it is not a test and asserts nothing.
 * `npm run bench` calls {@link runGrowLesionBench} in its own process (bench/run.ts).
 *
 *   npx tsx src/planning/bench/growLesionBench.ts [--quick]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lps } from '../../shared/vec3';
import { MaskEditor } from '../edit/maskEditor';
import { decodeMask, encodeMask } from '../encoding/encodeMask';
import { measureMask } from '../measure/measureMask';
import { growLesion } from '../segmentation/growLesion';
import type { PlanningVolume } from '../volume/planningVolume';

const SPACING = [0.78125, 0.78125, 1] as const;
const LESION = { centre: [-60, 0, 0], semi: [25, 20, 30] } as const;
const BONE = { centre: [-60, 0, 0], half: [40, 30, 60], cortexMm: 2 } as const;

/** The CT's grid: voxels and the LPS position of voxel (0, 0, 0); the spacing is fixed. */
export interface GrowBenchGrid {
  readonly dimensions: readonly [number, number, number];
  readonly origin: readonly [number, number, number];
}

/** The whole 512 × 512 × 300 CT (400 mm field of view). */
export const FULL_GROW_GRID: GrowBenchGrid = { dimensions: [512, 512, 300], origin: [-200, -200, -150] };
/**
 * A 256 × 256 × 160 crop of it around the bone block (same spacing, same lesion, and the grow's
 * 60 mm seed block still inside): for the quick bench. The grow and the measurements only read
 * the lesion's neighbourhood, so they cost about the same; building the volume costs a fifth.
 */
export const QUICK_GROW_GRID: GrowBenchGrid = { dimensions: [256, 256, 160], origin: [-160, -100, -80] };

export interface GrowBenchOptions {
  readonly grid?: GrowBenchGrid;
  /** growLesion calls after the first (cold) one. */
  readonly grows?: number;
  /** Brush dabs, each followed by a measureMask. */
  readonly dabs?: number;
  /** Encode + decode round trips of the edited mask. */
  readonly encodes?: number;
}

/** Every timing in ms, every sample kept. */
export interface GrowBenchResult {
  readonly dimensions: readonly [number, number, number];
  readonly buildMs: number;
  /** The first growLesion call (includes compiling the code; the viewer pays it once per session). */
  readonly growColdMs: number;
  /** Every call after the first. */
  readonly growMs: readonly number[];
  readonly lesion: { readonly volumeMl: number; readonly truthMl: number; readonly voxelCount: number; readonly huRange: readonly [number, number]; readonly leaked: boolean };
  /** A 5 mm sphere dab, painting and erasing in turn. */
  readonly dabMs: readonly number[];
  /** measureMask after each dab. */
  readonly measureMs: readonly number[];
  readonly measured: { readonly voxelCount: number; readonly principalDiametersMm: readonly number[]; readonly longestAxialDiameterMm: number; readonly huMean: number | undefined };
  readonly encodeMs: readonly number[];
  readonly encodedChars: number;
}

/** Deterministic uniform numbers (Mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** HU inside the bone block: lesion, cortex (with the break) or cancellous. */
function boneAt(x: number, y: number, z: number): number {
  const bx = Math.abs(x - BONE.centre[0]) - BONE.half[0];
  const by = Math.abs(y - BONE.centre[1]) - BONE.half[1];
  const bz = Math.abs(z - BONE.centre[2]) - BONE.half[2];
  const lx = (x - LESION.centre[0]) / LESION.semi[0], ly = (y - LESION.centre[1]) / LESION.semi[1], lz = (z - LESION.centre[2]) / LESION.semi[2];
  if (lx * lx + ly * ly + lz * lz <= 1) return 40;
  if (Math.max(bx, by, bz) > -BONE.cortexMm) {
    // The lesion has destroyed the lateral (−x) cortex over a 16 mm window.
    const breakWindow = x < BONE.centre[0] - BONE.half[0] + BONE.cortexMm && Math.hypot(y, z) < 8;
    return breakWindow ? 50 : 1300;
  }
  return 220;
}

/** One axial slice, painted row by row: body ellipse (fat under the skin, muscle), then the bone block. */
function paintSlice(grid: GrowBenchGrid, k: number): Float32Array {
  const [NX, NY] = grid.dimensions;
  const ORIGIN = grid.origin;
  const out = new Float32Array(NX * NY);
  const z = ORIGIN[2] + k * SPACING[2];
  const fatScale = 1 - 15 / 160;
  const inBoneZ = Math.abs(z - BONE.centre[2]) <= BONE.half[2];
  for (let j = 0; j < NY; j++) {
    const y = ORIGIN[1] + j * SPACING[1];
    const outer = 180 * Math.sqrt(Math.max(0, 1 - (y / 140) ** 2));
    const inner = fatScale * 180 * Math.sqrt(Math.max(0, 1 - (y / (fatScale * 140)) ** 2));
    const inBoneY = inBoneZ && Math.abs(y - BONE.centre[1]) <= BONE.half[1];
    for (let i = 0; i < NX; i++) {
      const x = ORIGIN[0] + i * SPACING[0];
      const ax = Math.abs(x);
      let hu = ax > outer ? -1000 : ax > inner ? -100 : 50;
      if (inBoneY && Math.abs(x - BONE.centre[0]) <= BONE.half[0]) hu = boneAt(x, y, z);
      out[j * NX + i] = hu;
    }
  }
  // Partial volume in-plane: [0.22, 0.56, 0.22] along i, then along j.
  const tmp = new Float32Array(NX * NY);
  for (let p = 0; p < out.length; p++) {
    const i = p % NX;
    tmp[p] = 0.56 * out[p]! + 0.22 * (out[i > 0 ? p - 1 : p]! + out[i < NX - 1 ? p + 1 : p]!);
  }
  for (let p = 0; p < out.length; p++) {
    const j = Math.floor(p / NX);
    out[p] = 0.56 * tmp[p]! + 0.22 * (tmp[j > 0 ? p - NX : p]! + tmp[j < NY - 1 ? p + NX : p]!);
  }
  return out;
}

function buildVolume(grid: GrowBenchGrid): PlanningVolume {
  const [NX, NY, NZ] = grid.dimensions;
  const scalars = new Int16Array(NX * NY * NZ);
  const rnd = random(42);
  // Slice profile [0.15, 0.7, 0.15] along k, then σ = 12 HU noise.
  let below = paintSlice(grid, 0);
  let mid = below;
  for (let k = 0; k < NZ; k++) {
    const above = k + 1 < NZ ? paintSlice(grid, k + 1) : mid;
    const base = k * NX * NY;
    for (let p = 0; p < mid.length; p++) {
      const noise = Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd()) * 12;
      scalars[base + p] = Math.round(0.7 * mid[p]! + 0.15 * (below[p]! + above[p]!) + noise);
    }
    below = mid;
    mid = above;
  }
  const o = grid.origin;
  return { dimensions: [NX, NY, NZ], spacing: SPACING, origin: lps(o[0], o[1], o[2]), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], scalars };
}

/** Builds the CT, grows the lesion, brushes and measures it, encodes it; returns the timings. */
export function runGrowLesionBench(options: GrowBenchOptions = {}): GrowBenchResult {
  const grid = options.grid ?? FULL_GROW_GRID;
  const t0 = performance.now();
  const volume = buildVolume(grid);
  const buildMs = performance.now() - t0;

  const seed = lps(LESION.centre[0], LESION.centre[1], LESION.centre[2]);
  const truthMl = ((4 / 3) * Math.PI * LESION.semi[0] * LESION.semi[1] * LESION.semi[2]) / 1000;
  const cold = performance.now();
  let grown = growLesion(volume, seed);
  const growColdMs = performance.now() - cold;
  const growMs: number[] = [];
  for (let r = 0; r < (options.grows ?? 10); r++) {
    const t = performance.now();
    grown = growLesion(volume, seed);
    growMs.push(performance.now() - t);
  }
  if (!grown.ok) throw new Error(grown.error);
  const g = grown.value.stats;

  const editor = new MaskEditor(volume, grown.value.mask);
  const measureMs: number[] = [];
  const dabMs: number[] = [];
  for (let r = 0; r < (options.dabs ?? 20); r++) {
    const t = performance.now();
    editor.brush({ kind: 'sphere', centre: lps(LESION.centre[0] + 20, -10 + r, 0), radiusMm: 5 }, r % 2 === 0 ? 'paint' : 'erase');
    const t1 = performance.now();
    measureMask(volume, editor.mask);
    const t2 = performance.now();
    dabMs.push(t1 - t);
    measureMs.push(t2 - t1);
  }
  const m = measureMask(volume, editor.mask);

  const encodeMs: number[] = [];
  let encodedChars = 0;
  for (let r = 0; r < (options.encodes ?? 5); r++) {
    const t = performance.now();
    const stored = encodeMask(editor.mask, volume, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4' });
    const back = decodeMask(stored);
    encodeMs.push(performance.now() - t);
    encodedChars = stored.runs.length;
    if (!back.ok) throw new Error(back.error);
  }
  return {
    dimensions: grid.dimensions,
    buildMs,
    growColdMs,
    growMs,
    lesion: { volumeMl: g.volumeMl, truthMl, voxelCount: g.voxelCount, huRange: g.huRange, leaked: g.leaked },
    dabMs,
    measureMs,
    measured: { voxelCount: m.voxelCount, principalDiametersMm: m.principalDiametersMm, longestAxialDiameterMm: m.longestAxialDiameterMm, huMean: m.hu?.mean },
    encodeMs,
    encodedChars,
  };
}

function stats(samples: readonly number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)]!;
  return `median ${med.toFixed(1)} ms (min ${s[0]!.toFixed(1)}, max ${s[s.length - 1]!.toFixed(1)}, n ${s.length})`;
}

function main(): void {
  const r = runGrowLesionBench({ grid: process.argv.includes('--quick') ? QUICK_GROW_GRID : FULL_GROW_GRID });
  console.log(`volume ${r.dimensions.join('×')} built in ${(r.buildMs / 1000).toFixed(1)} s`);
  console.log(`growLesion: ${stats(r.growMs)}; first call ${r.growColdMs.toFixed(1)} ms, second ${r.growMs[0]?.toFixed(1)} ms`);
  const g = r.lesion;
  console.log(`  lesion ${g.volumeMl.toFixed(2)} mL (ellipsoid ${g.truthMl.toFixed(2)} mL), ${g.voxelCount} voxels, range ${g.huRange.join('..')} HU, leaked ${g.leaked}`);
  console.log(`brush dab (5 mm sphere): ${stats(r.dabMs)}`);
  const m = r.measured;
  console.log(`measureMask after a dab (${m.voxelCount} voxels): ${stats(r.measureMs)}`);
  console.log(`  diameters ${m.principalDiametersMm.map((d) => d.toFixed(1)).join(' × ')} mm, longest axial ${m.longestAxialDiameterMm.toFixed(1)} mm, HU mean ${m.huMean?.toFixed(1)}`);
  console.log(`encode + decode mask: ${stats(r.encodeMs)}; ${r.encodedChars} base64 characters`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

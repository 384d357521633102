/**
 * Benchmark of the per-frame planning metrics while a cryoprobe is dragged (issue 6: under
 * 16 ms for five probes and a lesion of up to 2 million voxels). Prints timings; it is not a
 * test and asserts nothing. `npm run bench` calls {@link runZoneMetricsScenario} in its own
 * process (bench/run.ts).
 *
 *   npx tsx src/planning/bench/zoneMetricsBench.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lps, type LpsPoint } from '../../shared/vec3';
import { defaultCatalogue } from '../devices/defaultCatalogue';
import { deviceById, zoneSetOf } from '../devices/deviceById';
import type { GridGeometry } from '../trajectory/gridGeometry';
import { prepareMask } from '../trajectory/preparedMask';
import { shaftDistance } from '../trajectory/shaftDistance';
import { axisGrid, maskWhere } from '../trajectory/syntheticGrids';
import { trajectoryMetrics } from '../trajectory/trajectoryMetrics';
import type { AblationProbe } from '../zones/compositeZone';
import { planZoneMetrics, zoneMetricsScratch } from '../zones/planZoneMetrics';
import { prepareLesion } from '../zones/preparedLesion';

/** One configuration: the grid, the lesion (an ellipsoid centred 10 mm below the origin), the probes' ring. */
export interface ZoneMetricsScenario {
  readonly name: string;
  readonly grid: GridGeometry;
  readonly semiAxesMm: readonly [number, number, number];
  /** Radius of the ring of the five probe tips around the lesion's axis, mm. */
  readonly ringMm: number;
}

/** The three scenarios of the full benchmark; the first two have lesions of about 2 million voxels. */
export const ZONE_SCENARIOS = {
  large: { name: 'Large lesion, not covered (CBCT-like 0.5 mm)', grid: axisGrid([200, 190, 180], [0.5, 0.5, 0.5], [-50, -47.5, -55]), semiAxesMm: [46, 38, 36], ringMm: 14 },
  covered: { name: 'Lesion covered by the five probes (0.25 mm)', grid: axisGrid([190, 190, 190], [0.25, 0.25, 0.25], [-23.75, -23.75, -33.75]), semiAxesMm: [20, 19, 18], ringMm: 12 },
  ct: { name: 'CT grid 0.78 × 0.78 × 2 mm, partly covered', grid: axisGrid([256, 256, 90], [0.78125, 0.78125, 2], [-100, -100, -100]), semiAxesMm: [30, 26, 24], ringMm: 14 },
  /** The large lesion on a 1 mm grid (about 260 000 voxels): for the quick bench. */
  largeQuick: { name: 'Large lesion, not covered (1 mm)', grid: axisGrid([100, 95, 90], [1, 1, 1], [-49.5, -47, -54.5]), semiAxesMm: [46, 38, 36], ringMm: 14 },
} as const satisfies Record<string, ZoneMetricsScenario>;

/** Every timing in ms. */
export interface ZoneMetricsResult {
  readonly name: string;
  readonly dimensions: readonly [number, number, number];
  readonly spacing: readonly [number, number, number];
  readonly lesionVoxels: number;
  readonly surfaceVoxels: number;
  /** Preparing the lesion and the structures (once per edit of a mask, not per frame). */
  readonly prepareLesionMs: number;
  readonly prepareStructuresMs: number;
  /** The first frame (compiles the code). */
  readonly firstFrameMs: number;
  /** The frames after the first five. */
  readonly frameMs: readonly number[];
  readonly last: string;
}

/**
 * Times `frames` updates of the metrics a probe drag recomputes: for each of five cryoprobes its
 * angles and shaft distances to two structures, then the lethal and outer composite zones with
 * coverage, margin and the structures in the zones. The first probe wiggles 3 mm from frame to frame.
 */
export function runZoneMetricsScenario(s: ZoneMetricsScenario, frames = 80): ZoneMetricsResult {
  const cryo = deviceById(defaultCatalogue(), 'generic-cryoprobe-13g')!;
  const set = zoneSetOf(cryo)!;
  const g = s.grid, semi = s.semiAxesMm;
  const lesionMask = maskWhere(g, (p) => (p[0] / semi[0]) ** 2 + (p[1] / semi[1]) ** 2 + ((p[2] + 10) / semi[2]) ** 2 <= 1);
  // Structures at risk: a cord-like tube behind the lesion, and a blob beside it.
  const cordMask = maskWhere(g, (p) => Math.hypot(p[0], p[1] - (semi[1] + 12)) <= 5);
  const blobMask = maskWhere(g, (p) => Math.hypot(p[0] - (semi[0] + 8), p[1], p[2] + 10) <= 8);
  let t0 = performance.now();
  const lesion = prepareLesion(lesionMask);
  const prepareLesionMs = performance.now() - t0;
  t0 = performance.now();
  const cord = prepareMask(cordMask);
  const blob = prepareMask(blobMask);
  const prepareStructuresMs = performance.now() - t0;
  const structures = [
    { id: 'cord', label: 'spinal cord', mask: cord, safetyDistanceMm: 10 },
    { id: 'bowel', label: 'bowel', mask: blob, safetyDistanceMm: 5 },
  ];
  const scratch = zoneMetricsScratch();
  const times: number[] = [];
  let last = '';
  for (let frame = 0; frame < frames; frame++) {
    const wiggle = 3 * Math.sin(frame / 5);
    const probes: AblationProbe[] = Array.from({ length: 5 }, (_, k) => {
      const a = (2 * Math.PI * k) / 5;
      const tip = lps(s.ringMm * Math.cos(a) + (k === 0 ? wiggle : 0), s.ringMm * Math.sin(a), -22);
      const entry = lps(tip[0] + 10, tip[1] - 20, tip[2] + 140);
      return { id: `probe-${k}`, device: cryo, zoneSet: set, entry, target: tip };
    });
    const start = performance.now();
    for (const p of probes) {
      trajectoryMetrics(p.entry as LpsPoint, p.target as LpsPoint, cryo);
      for (const st of structures) shaftDistance(p.entry, p.target, cryo.outerDiameterMm / 2, st.mask);
    }
    const z = planZoneMetrics({ probes, lesions: [{ id: 'L', lesion }], structures }, scratch);
    times.push(performance.now() - start);
    last = `coverage ${z.lesions[0]!.coveragePercent.toFixed(1)} %, margin ${z.lesions[0]!.minMarginMm.toFixed(2)} mm, cord in ice ${z.structures[0]!.volumeInAnyZoneMl.toFixed(2)} mL`;
  }
  return {
    name: s.name,
    dimensions: g.dimensions,
    spacing: g.spacing,
    lesionVoxels: lesion.mask.voxelCount,
    surfaceVoxels: lesion.mask.boundaryIndex.length / 3,
    prepareLesionMs,
    prepareStructuresMs,
    firstFrameMs: times[0] ?? NaN,
    frameMs: times.slice(5),
    last,
  };
}

function print(r: ZoneMetricsResult): void {
  const steady = [...r.frameMs].sort((a, b) => a - b);
  const q = (f: number) => steady[Math.min(steady.length - 1, Math.floor(f * steady.length))]!.toFixed(2);
  const under16 = steady.filter((t) => t < 16).length;
  console.log(`${r.name}: lesion ${r.lesionVoxels.toLocaleString('en')} voxels (${r.surfaceVoxels} on its surface), grid ${r.dimensions.join('×')} @ ${r.spacing.join('×')} mm`);
  console.log(`  prepare (once per edit): lesion ${r.prepareLesionMs.toFixed(0)} ms, structures ${r.prepareStructuresMs.toFixed(0)} ms`);
  console.log(`  per frame (5 probes: angles, 2 shaft distances each; lethal and outer composite zones; coverage, margin; 2 structures in the zones):`);
  console.log(`    min ${q(0)} ms, median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms; ${under16}/${steady.length} frames under 16 ms; first frame ${r.firstFrameMs.toFixed(2)} ms`);
  console.log(`  last frame: ${r.last}`);
}

function main(): void {
  for (const s of [ZONE_SCENARIOS.large, ZONE_SCENARIOS.covered, ZONE_SCENARIOS.ct]) print(runZoneMetricsScenario(s));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

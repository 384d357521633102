/**
 * Benchmark of the per-frame planning metrics while a cryoprobe is dragged (issue 6: under
 * 16 ms for five probes and a lesion of up to 2 million voxels). Prints timings; it is not a
 * test and asserts nothing. Run: npx tsx src/planning/bench/zoneMetricsBench.ts
 */
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

const cryo = deviceById(defaultCatalogue(), 'generic-cryoprobe-13g')!;
const set = zoneSetOf(cryo)!;

function ellipsoidLesion(g: GridGeometry, semi: readonly [number, number, number]) {
  return maskWhere(g, (p) => (p[0] / semi[0]) ** 2 + (p[1] / semi[1]) ** 2 + ((p[2] + 10) / semi[2]) ** 2 <= 1);
}

function scenario(name: string, g: GridGeometry, semi: readonly [number, number, number], ringMm: number) {
  const lesionMask = ellipsoidLesion(g, semi);
  // Structures at risk: a cord-like tube behind the lesion, and a blob beside it.
  const cordMask = maskWhere(g, (p) => Math.hypot(p[0], p[1] - (semi[1] + 12)) <= 5);
  const blobMask = maskWhere(g, (p) => Math.hypot(p[0] - (semi[0] + 8), p[1], p[2] + 10) <= 8);
  let t0 = performance.now();
  const lesion = prepareLesion(lesionMask);
  const prepLesionMs = performance.now() - t0;
  t0 = performance.now();
  const cord = prepareMask(cordMask);
  const blob = prepareMask(blobMask);
  const prepStructMs = performance.now() - t0;
  const structures = [
    { id: 'cord', label: 'spinal cord', mask: cord, safetyDistanceMm: 10 },
    { id: 'bowel', label: 'bowel', mask: blob, safetyDistanceMm: 5 },
  ];
  const scratch = zoneMetricsScratch();
  const times: number[] = [];
  let last = '';
  for (let frame = 0; frame < 80; frame++) {
    const wiggle = 3 * Math.sin(frame / 5);
    const probes: AblationProbe[] = Array.from({ length: 5 }, (_, k) => {
      const a = (2 * Math.PI * k) / 5;
      const tip = lps(ringMm * Math.cos(a) + (k === 0 ? wiggle : 0), ringMm * Math.sin(a), -22);
      const entry = lps(tip[0] + 10, tip[1] - 20, tip[2] + 140);
      return { id: `probe-${k}`, device: cryo, zoneSet: set, entry, target: tip };
    });
    const start = performance.now();
    for (const p of probes) {
      trajectoryMetrics(p.entry as LpsPoint, p.target as LpsPoint, cryo);
      for (const s of structures) shaftDistance(p.entry, p.target, cryo.outerDiameterMm / 2, s.mask);
    }
    const z = planZoneMetrics({ probes, lesions: [{ id: 'L', lesion }], structures }, scratch);
    times.push(performance.now() - start);
    last = `coverage ${z.lesions[0]!.coveragePercent.toFixed(1)} %, margin ${z.lesions[0]!.minMarginMm.toFixed(2)} mm, cord in ice ${z.structures[0]!.volumeInAnyZoneMl.toFixed(2)} mL`;
  }
  const steady = times.slice(5).sort((a, b) => a - b);
  const q = (f: number) => steady[Math.min(steady.length - 1, Math.floor(f * steady.length))]!.toFixed(2);
  const under16 = steady.filter((t) => t < 16).length;
  console.log(`${name}: lesion ${lesion.mask.voxelCount.toLocaleString('en')} voxels (${lesion.mask.boundaryIndex.length / 3} on its surface), grid ${g.dimensions.join('×')} @ ${g.spacing.join('×')} mm`);
  console.log(`  prepare (once per edit): lesion ${prepLesionMs.toFixed(0)} ms, structures ${prepStructMs.toFixed(0)} ms`);
  console.log(`  per frame (5 probes: angles, 2 shaft distances each; lethal and outer composite zones; coverage, margin; 2 structures in the zones):`);
  console.log(`    min ${q(0)} ms, median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms; ${under16}/${steady.length} frames under 16 ms; first frame ${times[0]!.toFixed(2)} ms`);
  console.log(`  last frame: ${last}`);
}

scenario('Large lesion, not covered (CBCT-like 0.5 mm)', axisGrid([200, 190, 180], [0.5, 0.5, 0.5], [-50, -47.5, -55]), [46, 38, 36], 14);
scenario('Lesion covered by the five probes (0.25 mm)', axisGrid([190, 190, 190], [0.25, 0.25, 0.25], [-23.75, -23.75, -33.75]), [20, 19, 18], 12);
scenario('CT grid 0.78 × 0.78 × 2 mm, partly covered', axisGrid([256, 256, 90], [0.78125, 0.78125, 2], [-100, -100, -100]), [30, 26, 24], 14);

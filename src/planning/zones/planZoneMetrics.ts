import type { GridGeometry } from '../trajectory/gridGeometry';
import type { PreparedMask } from '../trajectory/preparedMask';
import { buildCompositeZone, type AblationProbe, type CompositeZone, type ProbeCluster } from './compositeZone';
import { lesionCoverage } from './lesionCoverage';
import { lesionMargin, marginScratch, type MarginScratch } from './lesionMargin';
import { maskVoxelsInZone } from './maskVoxelsInZone';
import type { PreparedLesion } from './preparedLesion';
import { zoneRowEvaluator, type ZoneRowEvaluator } from './zoneRows';

/** A structure at risk for the zone metrics. */
export interface ZoneStructure {
  readonly id: string;
  readonly label: string;
  readonly mask: PreparedMask;
  /** Volume inside a zone tolerated without a warning, mL (default 0). */
  readonly toleranceMl?: number;
}

/** Inputs of `planZoneMetrics`: the plan's ablation devices, its lesions and its structures at risk. */
export interface ZoneMetricsInput {
  readonly probes: readonly AblationProbe[];
  readonly lesions: readonly { readonly id: string; readonly lesion: PreparedLesion }[];
  readonly structures: readonly ZoneStructure[];
}

/** Coverage and margin of one lesion by the lethal composite zone. */
export interface LesionZoneMetrics {
  lesionId: string;
  lesionVolumeMl: number;
  coveredVolumeMl: number;
  coveragePercent: number;
  minMarginMm: number;
  marginCapped: boolean;
}

/** How much of a structure at risk lies in the zones. */
export interface StructureZoneMetrics {
  structureId: string;
  label: string;
  /** Inside the lethal composite zone, mL. */
  volumeInLethalMl: number;
  /** Inside the outermost zone of any device (e.g. the 0 °C visible ice), mL. */
  volumeInAnyZoneMl: number;
  /** True when `volumeInAnyZoneMl` exceeds the structure's tolerance. */
  warning: boolean;
}

/** The plan-level zone metrics. */
export interface PlanZoneMetrics {
  model: 'cluster-hull';
  clusters: ProbeCluster[];
  lesions: LesionZoneMetrics[];
  structures: StructureZoneMetrics[];
}

/** Scratch reused across calls while a probe is dragged. */
export interface ZoneMetricsScratch {
  margin: MarginScratch;
}

/** Fresh scratch. */
export const zoneMetricsScratch = (): ZoneMetricsScratch => ({ margin: marginScratch() });

/** Row evaluators of one zone, one per grid. */
function evaluatorCache(zone: CompositeZone): (mask: PreparedMask) => ZoneRowEvaluator {
  const cache = new Map<GridGeometry, ZoneRowEvaluator>();
  return (mask) => {
    let e = cache.get(mask.geometry);
    if (!e) {
      e = zoneRowEvaluator(zone, mask.transform);
      cache.set(mask.geometry, e);
    }
    return e;
  };
}

/**
 * The composite zone metrics of a plan: lethal coverage and minimum margin per lesion, volume
 * of each structure at risk inside the lethal zone and inside any zone. Designed for the drag
 * loop: lesions and structures come prepared (indexed once), zones are evaluated a grid row at
 * a time in closed form, and the margin search is branch-and-bound.
 */
export function planZoneMetrics(input: ZoneMetricsInput, scratch: ZoneMetricsScratch = zoneMetricsScratch()): PlanZoneMetrics {
  const lethal = buildCompositeZone(input.probes, 'lethal');
  const lethalRows = evaluatorCache(lethal);
  const lesions = input.lesions.map(({ id, lesion }): LesionZoneMetrics => {
    const cov = lesionCoverage(lethal, lethalRows(lesion.mask), lesion);
    const margin = lethal.pieces.length === 0
      ? { marginMm: -lesion.marginRangeMm, capped: true }
      : lesionMargin(lethal, lesion, cov.complete, scratch.margin);
    return {
      lesionId: id,
      lesionVolumeMl: cov.lesionVolumeMl,
      coveredVolumeMl: cov.coveredVolumeMl,
      coveragePercent: cov.coveragePercent,
      minMarginMm: margin.marginMm,
      marginCapped: margin.capped,
    };
  });
  let structures: StructureZoneMetrics[] = [];
  if (input.structures.length > 0) {
    const outer = buildCompositeZone(input.probes, 'outer');
    const outerRows = evaluatorCache(outer);
    structures = input.structures.map((s) => {
      const ml = s.mask.voxelVolumeMm3 / 1000;
      const inLethal = maskVoxelsInZone(lethal, lethalRows(s.mask), s.mask) * ml;
      const inAny = maskVoxelsInZone(outer, outerRows(s.mask), s.mask) * ml;
      return { structureId: s.id, label: s.label, volumeInLethalMl: inLethal, volumeInAnyZoneMl: inAny, warning: inAny > (s.toleranceMl ?? 0) };
    });
  }
  return { model: 'cluster-hull', clusters: lethal.clusters, lesions, structures };
}

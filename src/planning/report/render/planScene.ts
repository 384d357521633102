import { err, ok, type Result } from '../../../shared/result';
import { lps, voxel } from '../../../shared/vec3';
import { deviceById } from '../../devices/deviceById';
import type { DeviceCatalogue } from '../../devices/deviceSchema';
import { draftFromContent } from '../../plan/planContentIO';
import { ablationZoneSet } from '../../trajectory/recomputePlanMetrics';
import { indexToWorld } from '../../volume/indexWorld';
import type { PlanningVolume } from '../../volume/planningVolume';
import { placeZones } from '../../zones/placeZones';
import { nearestSlice } from '../nearestSlice';
import { sideViewOf, type ReportView } from './reportPlanes';
import type { ReportScene } from './renderReportView';
import { rgbOfHex } from './rgbImage';
import { structureDisplayColour } from '../../records/structureDisplayColour';

/** The plan a scene is built from: its series and its stored content. */
export interface ScenePlan {
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
  readonly content: Readonly<Record<string, unknown>>;
}

/**
 * The scene of a stored plan on its CT: masks decoded onto the CT's grid (a mask on another grid
 * is left out, as the viewer leaves it out), tubes rasterised, each needle's zones placed from the
 * catalogue. Fails naming the fields when the content does not parse.
 */
export function planScene(plan: ScenePlan, volume: PlanningVolume, catalogue: DeviceCatalogue): Result<ReportScene, string[]> {
  const drafted = draftFromContent(plan.content, { seriesInstanceUID: plan.seriesInstanceUID, frameOfReferenceUID: plan.frameOfReferenceUID, geometry: volume });
  if (!drafted.ok) return err(drafted.error);
  const { draft } = drafted.value;
  return ok({
    volume,
    lesions: draft.lesions.flatMap((l) => (l.mask ? [{ mask: l.mask, colour: rgbOfHex(l.record.colour) }] : [])),
    structures: draft.structures.flatMap((s) => (s.mask ? [{ mask: s.mask, colour: rgbOfHex(structureDisplayColour(s.record)) }] : [])),
    needles: draft.trajectories.map((t) => {
      const set = ablationZoneSet(catalogue, t);
      return { entry: t.entry, target: t.target, zones: set ? placeZones(lps(...t.entry), lps(...t.target), set) : [] };
    }),
  });
}

/** One picture the report lists. */
export interface ReportImageEntry {
  /** 0-based needle index, as the image URL takes it. */
  readonly needle: number;
  readonly view: ReportView;
  readonly caption: string;
}

/** A needle as the captions name it. */
export interface CaptionNeedle {
  readonly label: string;
  readonly deviceId: string;
  readonly entry: readonly [number, number, number];
  readonly target: readonly [number, number, number];
}

/**
 * The report's pictures of each needle with their captions: axial through the target (with its
 * slice k / N of the CT, nearest by position along the slice normal), sagittal or coronal through
 * the target (whichever plane the needle lies closer to, said in the caption), and the probe's eye.
 */
export function reportImageList(needles: readonly CaptionNeedle[], volume: PlanningVolume, catalogue: DeviceCatalogue): ReportImageEntry[] {
  const nz = volume.dimensions[2];
  const positions = Array.from({ length: nz }, (_, k) => indexToWorld(volume, voxel(0, 0, k)));
  return needles.flatMap((t, n) => {
    const device = deviceById(catalogue, t.deviceId)?.name ?? t.deviceId;
    const name = `Needle ${n + 1}${t.label ? ` “${t.label}”` : ''} (${device})`;
    const slice = nearestSlice(positions, t.target, volume.direction[2]);
    const side = sideViewOf(t.entry, t.target);
    return [
      { needle: n, view: 'axial' as const, caption: `${name}: axial at the target${slice ? `, slice ${slice.index + 1}/${nz}` : ''}` },
      { needle: n, view: side, caption: `${name}: ${side} through the target (the needle lies closer to the ${side} plane; projected onto it)` },
      { needle: n, view: 'probe' as const, caption: `${name}: probe's eye, perpendicular to the needle at the target (zone cross-section)` },
    ];
  });
}

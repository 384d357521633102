import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import {
  decodeMask,
  geometryMismatch,
  geometryOfStored,
  LESION_CONTENT_KEYS,
  lesionContentSchema,
  rasterizeTube,
  type LesionContent,
  type StoredMask,
  type VolumeGeometry,
  type VoxelMask,
} from '../../planning/lesions';
import type { BinaryVolume } from '../../planning/trajectory/gridGeometry';
import { prepareMask } from '../../planning/trajectory/preparedMask';
import { recomputePlanMetrics, type RecomputeStructure } from '../../planning/trajectory/recomputePlanMetrics';
import { TRAJECTORY_CONTENT_KEYS } from '../../planning/trajectory/trajectoryContent';
import { prepareLesion, type PreparedLesion } from '../../planning/zones/preparedLesion';
import { issuesOf, type FieldIssue, type PlanContent } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { lps } from '../../shared/vec3';
import { canalPointFinder, type CanalShape } from '../../planning/plan/canalPointFinder';
import { lesionMeasurementsOnSave } from './lesionMeasurementsOnSave';
import type { SeriesVolume } from './seriesVolumes';

/** What the server's recomputation of a plan may use besides the plan itself. */
export interface ProcessContext {
  /** The device catalogue trajectories must name their devices from. */
  readonly catalogue: DeviceCatalogue;
  /**
   * The CT of a series and its DICOM Patient Position, or undefined when the server does not
   * hold the series (PACS, local files): then only what needs no images is recomputed.
   */
  volumeFor(seriesInstanceUID: string): Promise<SeriesVolume | undefined>;
}

/** A stored mask decoded, with where it sits in the content and the grid it was drawn on. */
interface DecodedMask {
  readonly path: string;
  readonly mask: VoxelMask;
  readonly geometry: VolumeGeometry;
}

/** "runs: the runs cover …" under `prefix` → { path: `${prefix}.runs`, message: 'the runs cover …' }. */
function issueAt(prefix: string, text: string): FieldIssue {
  const at = text.indexOf(': ');
  if (at < 0) return { path: prefix, message: text };
  const field = text.slice(0, at);
  return { path: field === 'content' ? prefix : `${prefix}.${field}`, message: text.slice(at + 2) };
}

const binary = (d: { mask: VoxelMask; geometry: VolumeGeometry }): BinaryVolume => ({ geometry: d.geometry, box: d.mask.box, data: d.mask.data });

function pickKeys(content: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(content, k)) out[k] = content[k];
  return out;
}

/** True when some trajectory names a catalogue device with a zone set: only then are lesions prepared for zone metrics. */
function usesZones(trajectories: readonly unknown[], catalogue: DeviceCatalogue): boolean {
  return trajectories.some((t) => {
    if (t === null || typeof t !== 'object') return false;
    const { deviceId, zoneSetId } = t as { deviceId?: unknown; zoneSetId?: unknown };
    const device = typeof deviceId === 'string' ? deviceById(catalogue, deviceId) : undefined;
    return device !== undefined && zoneSetOf(device, typeof zoneSetId === 'string' ? zoneSetId : null) !== undefined;
  });
}

/**
 * Validates a plan's content and recomputes everything derived in it, as the server does before
 * storing every save: the client's numbers are replaced, never trusted.
 *
 * - The lesion part (`lesionContentVersion`, `lesions`, `structuresAtRisk`) is checked with
 *   `lesionContentSchema`, and every stored mask is decoded. A mask on another series or frame
 *   of reference than the plan's, runs that do not decode, or (when the server holds the CT) a
 *   stored grid that is not the CT's are issues naming the field (`content.lesions[0].segmentation.runs`).
 *   So is a tube in another frame of reference.
 * - Each segmented lesion's `measurements` are recomputed from its mask (see
 *   {@link lesionMeasurementsOnSave}: with the CT all of them; without it all but `hu`, which is
 *   kept as sent). A lesion without a mask keeps the measurements it was sent with.
 * - The trajectory part is recomputed by `recomputePlanMetrics` with the CT (path profiles,
 *   cortical crossings, the transpedicular check), the Patient Position, the structures at risk
 *   (masks as drawn; tubes rasterised on the CT grid, else on the grid of the first mask of the
 *   plan, lesions first, else left out), the segmented lesions (for zone coverage, prepared only
 *   when some device has zones), and, for transpedicular tracks, a canal point (see
 *   {@link canalPointFinder}). Its issues come back under `content.` (`content.trajectories[0].deviceId`).
 *
 * A part the content does not mention at all (no key of it) is left absent rather than
 * created empty, so content that holds neither part (older or foreign documents) is stored as
 * it came. Every other key of `content` is untouched. The result depends only on the plan and
 * the context, so saving an unchanged plan again gives equal content (which lets an approved
 * plan be saved unchanged, see `applyPlanRules`). The CT is asked for only when there is
 * something to compute with it. All issues found are returned together.
 */
export async function processPlanContent(plan: PlanContent, ctx: ProcessContext): Promise<Result<PlanContent, FieldIssue[]>> {
  const content = plan.content;
  const issues: FieldIssue[] = [];

  let lesionPart: LesionContent | null = null;
  if (LESION_CONTENT_KEYS.some((k) => Object.hasOwn(content, k))) {
    const parsed = lesionContentSchema.safeParse(pickKeys(content, LESION_CONTENT_KEYS));
    if (parsed.success) lesionPart = parsed.data;
    else issues.push(...issuesOf(parsed.error, ['content']));
  }

  const decode = (stored: StoredMask, path: string): DecodedMask | undefined => {
    const before = issues.length;
    if (stored.seriesInstanceUID !== plan.seriesInstanceUID) {
      issues.push({ path: `${path}.seriesInstanceUID`, message: `${stored.seriesInstanceUID} is not the plan's series ${plan.seriesInstanceUID}` });
    }
    if (stored.frameOfReferenceUID !== plan.frameOfReferenceUID) {
      issues.push({ path: `${path}.frameOfReferenceUID`, message: `${stored.frameOfReferenceUID} is not the plan's frame of reference ${plan.frameOfReferenceUID}` });
    }
    const decoded = decodeMask(stored);
    if (!decoded.ok) issues.push(issueAt(path, decoded.error));
    if (!decoded.ok || issues.length > before) return undefined;
    return { path, mask: decoded.value, geometry: geometryOfStored(stored.geometry) };
  };
  const lesionMasks = new Map<number, DecodedMask>();
  const structureMasks = new Map<number, DecodedMask>();
  lesionPart?.lesions.forEach((l, i) => {
    const d = l.segmentation ? decode(l.segmentation, `content.lesions[${i}].segmentation`) : undefined;
    if (d) lesionMasks.set(i, d);
  });
  lesionPart?.structuresAtRisk.forEach((s, i) => {
    if (s.shape.kind === 'mask') {
      const d = decode(s.shape.mask, `content.structuresAtRisk[${i}].shape.mask`);
      if (d) structureMasks.set(i, d);
    } else if (s.shape.frameOfReferenceUID !== plan.frameOfReferenceUID) {
      issues.push({
        path: `content.structuresAtRisk[${i}].shape.frameOfReferenceUID`,
        message: `${s.shape.frameOfReferenceUID} is not the plan's frame of reference ${plan.frameOfReferenceUID}`,
      });
    }
  });

  const hasTrajectoryPart = TRAJECTORY_CONTENT_KEYS.some((k) => Object.hasOwn(content, k));
  const rawTrajectories: readonly unknown[] = hasTrajectoryPart && Array.isArray(content.trajectories) ? content.trajectories : [];
  const ct = issues.length === 0 && (lesionMasks.size > 0 || rawTrajectories.length > 0) ? await ctx.volumeFor(plan.seriesInstanceUID) : undefined;
  if (ct) {
    for (const d of [...lesionMasks.values(), ...structureMasks.values()]) {
      const why = geometryMismatch(d.geometry, ct.volume);
      if (why) issues.push({ path: `${d.path}.geometry`, message: `not the grid of series ${plan.seriesInstanceUID} as the server reads it: ${why}` });
    }
  }
  if (issues.length > 0) {
    // Report the trajectory part's own problems too (cheap: no volumes), so one answer lists all.
    const trajectories = hasTrajectoryPart ? recomputePlanMetrics(content, { frameOfReferenceUID: plan.frameOfReferenceUID, catalogue: ctx.catalogue }) : null;
    return err(trajectories && !trajectories.ok ? [...issues, ...trajectories.error.map((e) => issueAt('content', e))] : issues);
  }

  const next: Record<string, unknown> = { ...content };
  if (lesionPart) {
    next.lesionContentVersion = lesionPart.lesionContentVersion;
    next.lesions = lesionPart.lesions.map((l, i) => {
      const d = lesionMasks.get(i);
      return d ? { ...l, measurements: lesionMeasurementsOnSave(d.mask, d.geometry, ct?.volume, l.measurements) } : l;
    });
    next.structuresAtRisk = lesionPart.structuresAtRisk;
  }
  if (!hasTrajectoryPart) return ok({ ...plan, content: next });

  const structures: RecomputeStructure[] = [];
  const canalShapes: CanalShape[] = [];
  const zoneLesions: { id: string; lesion: PreparedLesion }[] = [];
  if (rawTrajectories.length > 0 && lesionPart) {
    const tubeGrid: VolumeGeometry | undefined = ct?.volume ?? [...lesionMasks.values(), ...structureMasks.values()][0]?.geometry;
    lesionPart.structuresAtRisk.forEach((s, i) => {
      let onGrid: { mask: VoxelMask; geometry: VolumeGeometry } | undefined = structureMasks.get(i);
      if (!onGrid && s.shape.kind === 'tube' && tubeGrid) {
        onGrid = { mask: rasterizeTube(tubeGrid, s.shape.pointsLps.map((p) => lps(p[0], p[1], p[2])), s.shape.radiusMm), geometry: tubeGrid };
      }
      if (s.kind === 'spinal-canal' || s.kind === 'spinal-cord') {
        if (onGrid) canalShapes.push({ kind: s.kind, ...onGrid });
        else if (s.shape.kind === 'tube') canalShapes.push({ kind: s.kind, axis: s.shape.pointsLps.map((p) => lps(p[0], p[1], p[2])) });
      }
      if (onGrid) structures.push({ id: s.id, label: s.name, mask: prepareMask(binary(onGrid)), safetyDistanceMm: s.safetyDistanceMm });
    });
    if (usesZones(rawTrajectories, ctx.catalogue)) {
      lesionPart.lesions.forEach((l, i) => {
        const d = lesionMasks.get(i);
        // An empty mask has no coverage to speak of.
        if (d && d.mask.data.some((v) => v !== 0)) zoneLesions.push({ id: l.id, lesion: prepareLesion(binary(d)) });
      });
    }
  }
  const canalPoint = canalPointFinder(canalShapes);
  const recomputed = recomputePlanMetrics(next, {
    frameOfReferenceUID: plan.frameOfReferenceUID,
    catalogue: ctx.catalogue,
    patientPosition: ct?.patientPosition ?? null,
    ct: ct?.volume ?? null,
    structures,
    lesions: zoneLesions,
    canalPoint: (t) => canalPoint(lps(t.target[0], t.target[1], t.target[2])),
  });
  if (!recomputed.ok) return err(recomputed.error.map((e) => issueAt('content', e)));
  return ok({ ...plan, content: recomputed.value });
}

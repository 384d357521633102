import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import {
  decodeMask,
  geometryMismatch,
  geometryOfStored,
  LESION_CONTENT_KEYS,
  lesionContentSchema,
  type LesionContent,
  type StoredMask,
  type VolumeGeometry,
  type VoxelMask,
} from '../../planning/lesions';
import { draftFromParts } from '../../planning/plan/planContentIO';
import { planMetrics } from '../../planning/plan/planMetrics';
import { parseTrajectoryPart, recomputeTrajectories } from '../../planning/trajectory/recomputePlanMetrics';
import { TRAJECTORY_CONTENT_KEYS, type TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import { issuesOf, type FieldIssue, type PlanContent } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { lesionMeasurementsOnSave } from './lesionMeasurementsOnSave';
import type { SeriesVolume, VolumeRequest } from './seriesVolumes';

/** What the server's recomputation of a plan may use besides the plan itself. */
export interface ProcessContext {
  /** The device catalogue trajectories must name their devices from. */
  readonly catalogue: DeviceCatalogue;
  /**
   * The CT of a series and its DICOM Patient Position, or undefined when the server does not
   * hold the series (local files) or cannot read it (the PACS down): then only what needs no
   * images is recomputed. `request` names the plan's study when it has one (the PACS is asked
   * under it) and hears why a series that could have been read was not.
   */
  volumeFor(seriesInstanceUID: string, request?: VolumeRequest): Promise<SeriesVolume | undefined>;
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

function pickKeys(content: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(content, k)) out[k] = content[k];
  return out;
}

/**
 * Validates a plan's content and recomputes everything derived in it, as the server does before
 * storing every save: the client's numbers are replaced, never trusted.
 *
 * - At the door, the untrusted content is parsed once: the lesion part (`lesionContentVersion`,
 *   `lesions`, `structuresAtRisk`) with `lesionContentSchema`, the trajectory part (migrated)
 *   with `trajectoryContentSchema`. Every stored mask is decoded. A mask on another series or
 *   frame of reference than the plan's, runs that do not decode, or a stored grid that is not the
 *   plan's grid are issues naming the field (`content.lesions[0].segmentation.runs`); so is a tube
 *   in another frame of reference. The plan's grid is the CT's when the server holds the series,
 *   else that of the first stored mask (lesions first): a series has one grid.
 * - Each segmented lesion's `measurements` are recomputed from its mask (see
 *   {@link lesionMeasurementsOnSave}: with the CT all of them; without it all but `hu`, which is
 *   kept as sent). A lesion without a mask keeps the measurements it was sent with.
 * - The parsed parts become the typed draft the viewer edits ({@link draftFromParts}: masks on
 *   the plan's grid, tubes rasterised on it), and the trajectory metrics and zone metrics are
 *   computed by {@link planMetrics}, the very builder the viewer's live metrics call: same rules
 *   (empty masks, the canal, which devices ablate), same numbers. Without a grid (no CT, no
 *   mask) structures are left out; without the CT, the volume-based metrics are null. Trajectory
 *   problems come back under `content.` (`content.trajectories[0].deviceId`).
 *
 * A part the content does not mention at all (no key of it) is left absent rather than
 * created empty, so content that holds neither part (older or foreign documents) is stored as
 * it came. Every other key of `content` is untouched. The result depends only on the plan and
 * the context, so saving an unchanged plan again gives equal content (which lets an approved
 * plan be saved unchanged, see `applyPlanRules`). The CT is asked for only when there is
 * something to compute with it. All issues found are returned together. `note` hears why the
 * CT was not used when the server could have had it (the PACS down, a compressed series): the
 * plan is still stored, with the metrics that need no images.
 */
export async function processPlanContent(plan: PlanContent, ctx: ProcessContext, note?: (message: string) => void): Promise<Result<PlanContent, FieldIssue[]>> {
  const content = plan.content;
  const issues: FieldIssue[] = [];

  let lesionPart: LesionContent | null = null;
  if (LESION_CONTENT_KEYS.some((k) => Object.hasOwn(content, k))) {
    const parsed = lesionContentSchema.safeParse(pickKeys(content, LESION_CONTENT_KEYS));
    if (parsed.success) lesionPart = parsed.data;
    else issues.push(...issuesOf(parsed.error, ['content']));
  }
  const hasTrajectoryPart = TRAJECTORY_CONTENT_KEYS.some((k) => Object.hasOwn(content, k));
  let trajectoryPart: TrajectoryContent | null = null;
  const trajectoryIssues: FieldIssue[] = [];
  if (hasTrajectoryPart) {
    const parsed = parseTrajectoryPart(content);
    if (parsed.ok) trajectoryPart = parsed.value;
    else trajectoryIssues.push(...parsed.error.map((e) => issueAt('content', e)));
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

  const trajectories = trajectoryPart?.trajectories ?? [];
  const ct =
    issues.length === 0 && trajectoryIssues.length === 0 && (lesionMasks.size > 0 || trajectories.length > 0)
      ? await ctx.volumeFor(plan.seriesInstanceUID, { studyInstanceUID: plan.studyInstanceUID, ...(note ? { warn: note } : {}) })
      : undefined;
  const decoded = [...lesionMasks.values(), ...structureMasks.values()];
  const grid: VolumeGeometry | null = ct?.volume ?? decoded[0]?.geometry ?? null;
  if (grid) {
    for (const d of decoded) {
      const why = geometryMismatch(d.geometry, grid);
      if (!why) continue;
      const whose = ct ? `the grid of series ${plan.seriesInstanceUID} as the server reads it` : `the grid of the plan's other masks (${decoded[0]!.path})`;
      issues.push({ path: `${d.path}.geometry`, message: `not ${whose}: ${why}` });
    }
  }
  if (issues.length > 0 || trajectoryIssues.length > 0) {
    // Report the trajectories' own problems too (cheap: no volumes), so one answer lists all.
    const own = trajectoryPart ? recomputeTrajectories(trajectories, { frameOfReferenceUID: plan.frameOfReferenceUID, catalogue: ctx.catalogue }) : null;
    return err([...issues, ...trajectoryIssues, ...(own && !own.ok ? own.error.map((e) => issueAt('content', e)) : [])]);
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
  if (!trajectoryPart) return ok({ ...plan, content: next });

  const emptyLesions: LesionContent = { lesionContentVersion: 1, lesions: [], structuresAtRisk: [] };
  const { draft } = draftFromParts({ lesions: lesionPart ?? emptyLesions, trajectories }, content, {
    seriesInstanceUID: plan.seriesInstanceUID,
    frameOfReferenceUID: plan.frameOfReferenceUID,
    geometry: grid,
  });
  const metrics = planMetrics(draft, {
    frameOfReferenceUID: plan.frameOfReferenceUID,
    catalogue: ctx.catalogue,
    patientPosition: ct?.patientPosition ?? null,
    ct: ct?.volume ?? null,
    geometry: grid,
  });
  if (!metrics.ok) return err(metrics.error.map((e) => issueAt('content', e)));
  return ok({
    ...plan,
    content: { ...next, trajectoryContentVersion: trajectoryPart.trajectoryContentVersion, trajectories: metrics.value.trajectories, zoneMetrics: metrics.value.zoneMetrics },
  });
}

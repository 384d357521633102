import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { lps } from '../../shared/vec3';
import { decodeMask, encodeMask, geometryOfStored } from '../encoding/encodeMask';
import { geometryMismatch } from '../encoding/geometryMatches';
import type { VoxelMask } from '../mask/voxelMask';
import { LESION_CONTENT_KEYS, LESION_CONTENT_VERSION, lesionContentSchema, type LesionContent } from '../records/lesionContent';
import { rasterizeTube } from '../structures/rasterizeTube';
import { TRAJECTORY_CONTENT_KEYS, TRAJECTORY_CONTENT_VERSION, migrateTrajectoryContent, trajectoryContentSchema } from '../trajectory/trajectoryContent';
import type { Trajectory } from '../trajectory/trajectorySchema';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import type { LesionDraft, PlanDraft, StructureDraft } from './planDraft';

/** The series a plan is drawn on, as loaded in the viewer. */
export interface PlanSeries {
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
  /** The loaded grid; null when the series is not loaded as a volume (masks are then kept, not shown). */
  readonly geometry: VolumeGeometry | null;
}

const OWNED = new Set<string>([...LESION_CONTENT_KEYS, ...TRAJECTORY_CONTENT_KEYS]);

const describe = (e: z.ZodError): string[] =>
  e.issues.map((i) => `content.${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[')}: ${i.message}`);

/**
 * A saved plan's content as a draft to edit. Masks are decoded onto the loaded grid; a mask
 * drawn on another series or grid is kept as stored (and saved back unchanged) but not shown,
 * with a note saying why. Fails, naming the fields, when the content does not parse.
 */
export function draftFromContent(content: Readonly<Record<string, unknown>>, series: PlanSeries): Result<{ draft: PlanDraft; notes: string[] }, string[]> {
  const lesionPart = lesionContentSchema.safeParse(content);
  if (!lesionPart.success) return err(describe(lesionPart.error));
  const trajectoryPart = trajectoryContentSchema.safeParse(migrateTrajectoryContent({ ...content }));
  if (!trajectoryPart.success) return err(describe(trajectoryPart.error));
  return ok(draftFromParts({ lesions: lesionPart.data, trajectories: trajectoryPart.data.trajectories }, content, series));
}

/**
 * {@link draftFromContent} for content whose parts are already parsed (the server parses them
 * once at its door): masks decoded onto `series.geometry` by the same rules, `extra` from `content`.
 */
export function draftFromParts(
  parts: { readonly lesions: LesionContent; readonly trajectories: readonly Trajectory[] },
  content: Readonly<Record<string, unknown>>,
  series: PlanSeries,
): { draft: PlanDraft; notes: string[] } {
  const lesionPart = { data: parts.lesions };
  const notes: string[] = [];
  const fit = (stored: NonNullable<LesionDraft['stored']>, what: string): VoxelMask | null => {
    if (stored.seriesInstanceUID !== series.seriesInstanceUID) {
      notes.push(`${what}: drawn on another series (${stored.seriesInstanceUID}); kept, not shown`);
      return null;
    }
    if (!series.geometry) return null;
    const why = geometryMismatch(geometryOfStored(stored.geometry), series.geometry);
    if (why) {
      notes.push(`${what}: its grid does not fit the loaded series (${why}); kept, not shown`);
      return null;
    }
    const decoded = decodeMask(stored);
    if (!decoded.ok) {
      notes.push(`${what}: ${decoded.error}; kept, not shown`);
      return null;
    }
    return decoded.value;
  };
  const lesions: LesionDraft[] = lesionPart.data.lesions.map((record) => ({
    record,
    stored: record.segmentation,
    mask: record.segmentation ? fit(record.segmentation, `lesion ${record.label || record.id}`) : null,
  }));
  const structures: StructureDraft[] = lesionPart.data.structuresAtRisk.map(({ shape, ...record }) => {
    if (shape.kind === 'mask') return { record, shape: { kind: 'mask', stored: shape.mask }, mask: fit(shape.mask, `structure ${record.name}`) };
    const mask =
      series.geometry && shape.frameOfReferenceUID === series.frameOfReferenceUID
        ? rasterizeTube(series.geometry, shape.pointsLps.map((p) => lps(p[0], p[1], p[2])), shape.radiusMm)
        : null;
    return { record, shape: { kind: 'tube' as const, pointsLps: shape.pointsLps, radiusMm: shape.radiusMm, frameOfReferenceUID: shape.frameOfReferenceUID }, mask };
  });
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(content)) if (!OWNED.has(k)) extra[k] = v;
  return { draft: { lesions, structures, trajectories: parts.trajectories, extra }, notes };
}

/**
 * The content to save for a draft: masks that changed are encoded on the loaded grid, the
 * others saved exactly as they were loaded; keys this code does not own pass through.
 * Metrics are left for the server to recompute.
 */
export function contentFromDraft(draft: PlanDraft, series: PlanSeries): Record<string, unknown> {
  const encode = (mask: VoxelMask | null) =>
    mask && series.geometry ? encodeMask(mask, series.geometry, { seriesInstanceUID: series.seriesInstanceUID, frameOfReferenceUID: series.frameOfReferenceUID }) : null;
  return {
    ...draft.extra,
    lesionContentVersion: LESION_CONTENT_VERSION,
    lesions: draft.lesions.map((l) => ({ ...l.record, segmentation: l.stored ?? encode(l.mask) })),
    structuresAtRisk: draft.structures.flatMap((s): Record<string, unknown>[] => {
      if (s.shape.kind === 'tube') return [{ ...s.record, shape: { kind: 'tube' as const, pointsLps: s.shape.pointsLps, radiusMm: s.shape.radiusMm, frameOfReferenceUID: s.shape.frameOfReferenceUID } }];
      const stored = s.shape.stored ?? encode(s.mask);
      return stored ? [{ ...s.record, shape: { kind: 'mask' as const, mask: stored } }] : [];
    }),
    trajectoryContentVersion: TRAJECTORY_CONTENT_VERSION,
    trajectories: draft.trajectories,
  };
}

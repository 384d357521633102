import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import { decodeMask, geometryOfStored } from '../../planning/encoding/encodeMask';
import { geometryMismatch } from '../../planning/encoding/geometryMatches';
import type { StoredMask } from '../../planning/encoding/storedMask';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import { draftFromParts } from '../../planning/plan/planContentIO';
import { lesionContentSchema } from '../../planning/records/lesionContent';
import { migrateTrajectoryContent, trajectoryContentSchema } from '../../planning/trajectory/trajectoryContent';
import type { PlanDocument } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import type { CodedConcept } from '../codedConcept';
import type { CtGrid } from '../ctGrid';
import type { SegmentRef } from '../exportTypes';
import { ablationProbes, lethalZoneMask } from './lethalZoneMask';
import { SEGMENT_CODES, STRUCTURE_TYPE_CODES } from './segmentCodes';

/** The item id the composite lethal zone's segment is listed under (it is no plan item). */
export const LETHAL_ZONE_ITEM_ID = 'lethal-ablation-zone';
/** Its label: what it is, the model it comes from, and that it is planned, not observed. */
export const LETHAL_ZONE_LABEL = 'Planned lethal ablation zone (cluster-hull model, planned)';
/** Its display colour: the viewer's colour for lethal zones. */
export const LETHAL_ZONE_COLOUR = '#ff6b6b';
/** SegmentAlgorithmName of a lesion grown from a seed and of the zone, computed from the devices. */
export const GROW_ALGORITHM_NAME = 'PercuPlan region growing';
export const ZONE_ALGORITHM_NAME = 'PercuPlan composite ablation zone (cluster-hull model)';

/** One segment of the plan SEG, with its voxels on the CT grid. */
export interface PlanSegment {
  readonly itemId: string;
  readonly kind: SegmentRef['kind'];
  readonly label: string;
  readonly description: string;
  readonly algorithmType: 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';
  /** Required by DICOM for any algorithm type but MANUAL. */
  readonly algorithmName: string | null;
  readonly category: CodedConcept;
  readonly type: CodedConcept;
  /** '#rrggbb'. */
  readonly colour: string;
  readonly mask: VoxelMask;
}

const describe = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] =>
  issues.map((i) => `content.${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[')}: ${i.message}`);

/** The problems of a stored mask against the CT grid, each naming its field under `path`. */
function maskProblems(stored: StoredMask, path: string, grid: CtGrid): string[] {
  const out: string[] = [];
  if (stored.seriesInstanceUID !== grid.seriesInstanceUID) out.push(`${path}.seriesInstanceUID: ${stored.seriesInstanceUID} is not the CT series ${grid.seriesInstanceUID}`);
  if (stored.frameOfReferenceUID !== grid.frameOfReferenceUID) out.push(`${path}.frameOfReferenceUID: ${stored.frameOfReferenceUID} is not the CT's frame of reference ${grid.frameOfReferenceUID}`);
  const why = geometryMismatch(geometryOfStored(stored.geometry), grid.geometry);
  if (why) out.push(`${path}.geometry: not the grid of the CT series: ${why}`);
  if (out.length === 0) {
    const decoded = decodeMask(stored);
    if (!decoded.ok) out.push(`${path}.${decoded.error}`);
  }
  return out;
}

/**
 * The segments of a plan version on its CT grid, in SEG order: every lesion with a mask,
 * every structure at risk (its mask, or its tube rasterised on the grid by the planning code's
 * own rule, planContentIO's draft), then the composite lethal ablation zone when some
 * trajectory has an ablation device. An empty mask is still a segment (it gets no frames).
 * Fails, naming each field, when the content does not parse, when the plan is on another
 * series or frame of reference than the CT, or when a mask is not on the CT's grid (another
 * series, frame of reference or geometry) or does not decode.
 */
export function planSegments(plan: PlanDocument, grid: CtGrid, catalogue: DeviceCatalogue): Result<PlanSegment[], string[]> {
  const errors: string[] = [];
  if (plan.seriesInstanceUID !== grid.seriesInstanceUID) errors.push(`seriesInstanceUID: ${plan.seriesInstanceUID} is not the CT series ${grid.seriesInstanceUID}`);
  if (plan.frameOfReferenceUID !== grid.frameOfReferenceUID) errors.push(`frameOfReferenceUID: ${plan.frameOfReferenceUID} is not the CT's frame of reference ${grid.frameOfReferenceUID}`);
  const lesionPart = lesionContentSchema.safeParse(plan.content);
  if (!lesionPart.success) errors.push(...describe(lesionPart.error.issues));
  const trajectoryPart = trajectoryContentSchema.safeParse(migrateTrajectoryContent({ ...plan.content }));
  if (!trajectoryPart.success) errors.push(...describe(trajectoryPart.error.issues));
  if (!lesionPart.success || !trajectoryPart.success) return err(errors);

  const { lesions, structuresAtRisk } = lesionPart.data;
  const { trajectories } = trajectoryPart.data;
  lesions.forEach((l, i) => {
    if (l.segmentation) errors.push(...maskProblems(l.segmentation, `content.lesions[${i}].segmentation`, grid));
  });
  structuresAtRisk.forEach((s, i) => {
    if (s.shape.kind === 'mask') errors.push(...maskProblems(s.shape.mask, `content.structuresAtRisk[${i}].shape.mask`, grid));
    else if (s.shape.frameOfReferenceUID !== grid.frameOfReferenceUID) {
      errors.push(`content.structuresAtRisk[${i}].shape.frameOfReferenceUID: ${s.shape.frameOfReferenceUID} is not the CT's frame of reference ${grid.frameOfReferenceUID}`);
    }
  });
  trajectories.forEach((t, i) => {
    if (t.frameOfReferenceUID !== grid.frameOfReferenceUID) errors.push(`content.trajectories[${i}].frameOfReferenceUID: ${t.frameOfReferenceUID} is not the CT's frame of reference ${grid.frameOfReferenceUID}`);
  });
  if (errors.length > 0) return err(errors);

  // Every mask was checked against the grid above, so the draft decodes each one onto it.
  const { draft } = draftFromParts({ lesions: lesionPart.data, trajectories }, plan.content, {
    seriesInstanceUID: grid.seriesInstanceUID,
    frameOfReferenceUID: grid.frameOfReferenceUID,
    geometry: grid.geometry,
  });
  const segments: PlanSegment[] = [];
  draft.lesions.forEach(({ record, mask }, i) => {
    if (!record.segmentation) return;
    if (!mask) {
      errors.push(`content.lesions[${i}].segmentation: not decoded onto the CT grid`);
      return;
    }
    const grown = record.grow !== null;
    segments.push({
      itemId: record.id,
      kind: 'lesion',
      label: record.label || record.id,
      description: `Metastatic lesion${record.type ? ` (${record.type})` : ''}${grown ? ', grown from a seed' : ', drawn'} in PercuPlan`,
      algorithmType: grown ? 'SEMIAUTOMATIC' : 'MANUAL',
      algorithmName: grown ? GROW_ALGORITHM_NAME : null,
      category: SEGMENT_CODES.lesionCategory,
      type: SEGMENT_CODES.lesionType,
      colour: record.colour,
      mask,
    });
  });
  draft.structures.forEach(({ record, shape, mask }, i) => {
    if (!mask) {
      errors.push(`content.structuresAtRisk[${i}]: not rasterised onto the CT grid`);
      return;
    }
    segments.push({
      itemId: record.id,
      kind: 'structure',
      label: record.name,
      description: `Structure at risk (${record.kind}${shape.kind === 'tube' ? `, tube of radius ${shape.radiusMm} mm` : ''}), safety distance ${record.safetyDistanceMm} mm`,
      algorithmType: 'MANUAL',
      algorithmName: null,
      category: SEGMENT_CODES.structureCategory,
      type: STRUCTURE_TYPE_CODES[record.kind],
      colour: record.colour,
      mask,
    });
  });
  const zone = lethalZoneMask(ablationProbes(trajectories, catalogue), grid.geometry);
  if (zone) {
    segments.push({
      itemId: LETHAL_ZONE_ITEM_ID,
      kind: 'ablation-zone',
      label: LETHAL_ZONE_LABEL,
      description: 'Union of the lethal zones of the planned ablation devices, cryoprobes that freeze together grown and joined (cluster-hull model); a plan, not an observed result',
      algorithmType: 'AUTOMATIC',
      algorithmName: ZONE_ALGORITHM_NAME,
      category: SEGMENT_CODES.zoneCategory,
      type: SEGMENT_CODES.zoneType,
      colour: LETHAL_ZONE_COLOUR,
      mask: zone,
    });
  }
  return errors.length > 0 ? err(errors) : ok(segments);
}

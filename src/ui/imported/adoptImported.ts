import type { PlanStore } from '../../planning/plan/planStore';
import { addLesion, addStructure, addTrajectory } from '../../planning/plan/planCommands';
import type { StructureKind } from '../../planning/records/structureAtRisk';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import { geometryMismatch } from '../../planning/encoding/geometryMatches';
import { adoptPolylineAsTrajectory, adoptSegmentAsLesion, adoptSegmentAsStructure, type AdoptionSeries, type TrajectoryCandidate } from '../../interop/adopt';
import type { ImportedSegment } from '../../interop/importTypes';
import { err, ok, type Result } from '../../shared/result';

/** Where adopted items go: the plan store of the open CT, with that CT's grid as the plan sees it. */
export interface AdoptionTarget {
  readonly store: PlanStore;
  readonly series: AdoptionSeries;
  newId(prefix: string): string;
}

/** What a segment becomes: a lesion, or a structure at risk of a kind. */
export type SegmentRole = { readonly as: 'lesion' } | { readonly as: 'structure'; readonly kind: StructureKind };

/**
 * A segment placed on the imported object's CT grid, added to the plan through the plan
 * store's own command (so undo and the unsaved-changes state see it). Refused, with the reason,
 * when the grid the segment was placed on is not the grid the plan's masks are on.
 */
export function adoptSegment(t: AdoptionTarget, mask: VoxelMask, placedOn: VolumeGeometry, segment: ImportedSegment, role: SegmentRole): Result<string, string> {
  const mismatch = geometryMismatch(placedOn, t.series.geometry);
  if (mismatch) return err(`the segment's grid is not the plan's: ${mismatch}`);
  if (role.as === 'lesion') {
    const record = adoptSegmentAsLesion(mask, t.series, segment, t.newId('lesion'));
    t.store.apply(`adopt ${segment.label}`, addLesion({ record, mask, stored: null }));
    t.store.select({ kind: 'lesion', id: record.id });
    return ok(record.id);
  }
  const { shape: _shape, ...record } = adoptSegmentAsStructure(mask, t.series, segment, role.kind, t.newId('structure'));
  t.store.apply(`adopt ${segment.label}`, addStructure({ record, shape: { kind: 'mask', stored: null }, mask }));
  t.store.select({ kind: 'structure', id: record.id });
  return ok(record.id);
}

/** A two-point SR polyline added to the plan as a trajectory of the picked device. */
export function adoptTrajectory(t: AdoptionTarget, candidate: TrajectoryCandidate, deviceId: string): Result<string, string> {
  if (candidate.frameOfReferenceUID && candidate.frameOfReferenceUID !== t.series.frameOfReferenceUID) {
    return err(`its frame of reference ${candidate.frameOfReferenceUID} is not the plan CT's`);
  }
  const traj = adoptPolylineAsTrajectory(candidate.points, t.series.frameOfReferenceUID, deviceId, candidate.label, t.newId('trajectory'));
  t.store.apply(`adopt ${candidate.label}`, addTrajectory(traj));
  t.store.select({ kind: 'trajectory', id: traj.id });
  return ok(traj.id);
}

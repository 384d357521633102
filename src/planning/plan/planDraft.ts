import type { VoxelMask } from '../mask/voxelMask';
import type { StoredMask } from '../encoding/storedMask';
import type { PlanLesion } from '../records/planLesion';
import type { StructureAtRisk } from '../records/structureAtRisk';
import type { Trajectory } from '../trajectory/trajectorySchema';

/**
 * A lesion while it is edited: its record (segmentation left as loaded, replaced on save),
 * the mask as voxels, and the stored form of that very mask when it came from a saved plan
 * and has not changed since (so an unchanged mask is saved byte for byte as it was loaded,
 * and a mask that does not fit the loaded series is kept rather than lost).
 */
export interface LesionDraft {
  readonly record: PlanLesion;
  readonly mask: VoxelMask | null;
  readonly stored: StoredMask | null;
}

/** The shape of a structure at risk while edited. */
export type StructureShapeDraft =
  | { readonly kind: 'mask'; readonly stored: StoredMask | null }
  | { readonly kind: 'tube'; readonly pointsLps: readonly (readonly [number, number, number])[]; readonly radiusMm: number; readonly frameOfReferenceUID: string };

/** A structure at risk while edited: the record without its shape, the shape, and its voxels for display and metrics. */
export interface StructureDraft {
  readonly record: Omit<StructureAtRisk, 'shape'>;
  readonly shape: StructureShapeDraft;
  readonly mask: VoxelMask | null;
}

/**
 * A plan's content while it is edited. `extra` keeps every key of the stored content this
 * code does not own (a newer part, a note), so a save never drops what it did not understand.
 */
export interface PlanDraft {
  readonly lesions: readonly LesionDraft[];
  readonly structures: readonly StructureDraft[];
  readonly trajectories: readonly Trajectory[];
  readonly extra: Readonly<Record<string, unknown>>;
}

/** A plan with nothing in it. */
export const EMPTY_DRAFT: PlanDraft = { lesions: [], structures: [], trajectories: [], extra: {} };

/** What is selected in a plan: one lesion, structure or trajectory. */
export type PlanSelection = { readonly kind: 'lesion' | 'structure' | 'trajectory'; readonly id: string } | null;

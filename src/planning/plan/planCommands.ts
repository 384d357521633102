import type { VoxelMask } from '../mask/voxelMask';
import type { PlanLesion } from '../records/planLesion';
import type { Trajectory } from '../trajectory/trajectorySchema';
import type { LesionDraft, PlanDraft, StructureDraft } from './planDraft';

/** A change to a plan draft: a pure function from one draft to the next. */
export type PlanCommand = (draft: PlanDraft) => PlanDraft;

const replaceById = <T>(items: readonly T[], id: string, idOf: (t: T) => string, f: (t: T) => T): T[] =>
  items.map((t) => (idOf(t) === id ? f(t) : t));

/** Adds a lesion at the end. */
export const addLesion = (lesion: LesionDraft): PlanCommand => (d) => ({ ...d, lesions: [...d.lesions, lesion] });

/** Changes fields of a lesion's record (not its mask). */
export const patchLesion = (id: string, patch: Partial<Omit<PlanLesion, 'id' | 'segmentation'>>): PlanCommand => (d) => ({
  ...d,
  lesions: replaceById(d.lesions, id, (l) => l.record.id, (l) => ({ ...l, record: { ...l.record, ...patch } })),
});

/** Replaces a lesion's mask (a grow, a brush stroke); its stored form is re-made on save. */
export const setLesionMask = (id: string, mask: VoxelMask | null, patch: Partial<Omit<PlanLesion, 'id' | 'segmentation'>> = {}): PlanCommand => (d) => ({
  ...d,
  lesions: replaceById(d.lesions, id, (l) => l.record.id, (l) => ({ record: { ...l.record, ...patch }, mask, stored: null })),
});

/** Removes a lesion, and unlinks the trajectories that treated it. */
export const removeLesion = (id: string): PlanCommand => (d) => ({
  ...d,
  lesions: d.lesions.filter((l) => l.record.id !== id),
  trajectories: d.trajectories.map((t) => (t.lesionId === id ? { ...t, lesionId: null } : t)),
});

/** Adds a structure at risk at the end. */
export const addStructure = (s: StructureDraft): PlanCommand => (d) => ({ ...d, structures: [...d.structures, s] });

/** Changes a structure's name, colour, kind or safety distance. */
export const patchStructure = (id: string, patch: Partial<Omit<StructureDraft['record'], 'id'>>): PlanCommand => (d) => ({
  ...d,
  structures: replaceById(d.structures, id, (s) => s.record.id, (s) => ({ ...s, record: { ...s.record, ...patch } })),
});

/** Replaces a mask structure's voxels (brush, threshold). */
export const setStructureMask = (id: string, mask: VoxelMask): PlanCommand => (d) => ({
  ...d,
  structures: replaceById(d.structures, id, (s) => s.record.id, (s) => ({ ...s, shape: { kind: 'mask', stored: null }, mask })),
});

/** Makes a structure a tube along points (a nerve root, a vessel) with its voxels on the loaded grid. */
export const setStructureTube = (id: string, pointsLps: readonly (readonly [number, number, number])[], radiusMm: number, frameOfReferenceUID: string, mask: VoxelMask | null): PlanCommand => (d) => ({
  ...d,
  structures: replaceById(d.structures, id, (s) => s.record.id, (s) => ({ ...s, shape: { kind: 'tube', pointsLps, radiusMm, frameOfReferenceUID }, mask })),
});

/** Removes a structure at risk. */
export const removeStructure = (id: string): PlanCommand => (d) => ({ ...d, structures: d.structures.filter((s) => s.record.id !== id) });

/** Adds a trajectory at the end. */
export const addTrajectory = (t: Trajectory): PlanCommand => (d) => ({ ...d, trajectories: [...d.trajectories, t] });

/** Moves a trajectory's ends (LPS mm); its metrics are stale until recomputed. */
export const moveTrajectory = (id: string, entry: readonly number[], target: readonly number[]): PlanCommand => (d) => ({
  ...d,
  trajectories: replaceById(d.trajectories, id, (t) => t.id, (t) => ({
    ...t,
    entry: [entry[0]!, entry[1]!, entry[2]!],
    target: [target[0]!, target[1]!, target[2]!],
    metrics: null,
  })),
});

/** Changes a trajectory's label, device, zone set, access route or lesion. */
export const patchTrajectory = (id: string, patch: Partial<Omit<Trajectory, 'id' | 'entry' | 'target'>>): PlanCommand => (d) => ({
  ...d,
  trajectories: replaceById(d.trajectories, id, (t) => t.id, (t) => ({ ...t, ...patch, metrics: null })),
});

/** Removes a trajectory. */
export const removeTrajectory = (id: string): PlanCommand => (d) => ({ ...d, trajectories: d.trajectories.filter((t) => t.id !== id) });

/** A label not yet used in a list: `prefix` followed by the first free number. */
export function nextLabel(prefix: string, used: readonly string[]): string {
  for (let n = 1; ; n++) if (!used.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

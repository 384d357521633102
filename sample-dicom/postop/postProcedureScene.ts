import type { Vec3 } from '../../src/shared/vec3';
import type { Shape } from '../phantom/shape';
import type { StudyKey } from '../studyKeys';
import type { StudyTruth } from '../truth';
import type { MetalSegment } from '../phantom/metalStreaks';

type NeedleTruth = NonNullable<StudyTruth['needles']>[number];

/** Label values of a post-procedure scene (lesions keep their own, 1 and 2). */
export const LABEL = {
  /** Cement inside bone (or inside its lesion), per lesion index 0, 1: 11, 12. */
  cementInBone: (lesionIndex: number) => 11 + lesionIndex,
  /** Each leak its own label: 21, 22, … */
  leak: (leakIndex: number) => 21 + leakIndex,
  /** The metal of the needles: never cement. */
  needle: 30,
} as const;

/** A leak as painted: its label's voxels are the leak (outside bone and outside the lesions). */
export interface LeakDef {
  id: string;
  /** The contract's class: venous, soft-tissue, disc, segmental-venous, … */
  location: string;
  label: number;
  description: string;
}

/**
 * What a post-procedure CBCT scene adds to its truth. Everything is in the study's own frame
 * (its body frame, which {@link toLps} of the study maps to its LPS) except where named.
 */
export interface PostProcedureScene {
  pose: {
    planningStudyKey: StudyKey;
    /** Planning-CT LPS → this study's LPS, row-major 4×4. */
    planningToThisLps: number[];
    rotationDeg: Vec3;
    translationMm: Vec3;
    centreLps: Vec3;
  };
  /** Needle truth, already in both LPS spaces. */
  needles: NeedleTruth[];
  /** The lesions' shapes in this frame, for their voxel counts and the fill. */
  lesionShapes: { lesionId: string; shape: Shape }[];
  /** Labels that are cement (needle voxels are never among them). */
  cementLabels: number[];
  leaks: LeakDef[];
  /** The needles' metal as segments (this frame), for the streak artefacts. */
  metal: MetalSegment[];
}

/** The streak artefacts of the needles' metal (phantom/metalStreaks.ts), less seed and label. */
export const METAL_STREAKS = { amplitudeHu: 320, rays: 18, widthMm: 0.6, decayMm: 10, reachMm: 60 } as const;

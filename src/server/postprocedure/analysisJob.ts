import type { LpsBox, PostProcedureResult, RegistrationReport } from '../../records/postProcedure';
import type { PlanningVolume } from '../../planning/volume/planningVolume';

/** A volume as it crosses into the analysis worker: its geometry and its own copy of the HU (transferred, not shared). */
export interface VolumeMessage {
  readonly dimensions: readonly [number, number, number];
  readonly spacing: readonly [number, number, number];
  readonly origin: readonly [number, number, number];
  readonly direction: readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];
  readonly scalars: Int16Array | Float32Array;
}

/** One analysis: everything the worker needs, all of it cloneable. */
export interface AnalysisJob {
  readonly ct: VolumeMessage;
  readonly cbct: VolumeMessage;
  readonly planningSeriesInstanceUID: string;
  readonly planFrameOfReferenceUID: string;
  /** The plan document's `content` (lesions, structures, trajectories with their masks), decoded in the worker. */
  readonly planContent: Record<string, unknown>;
  readonly cbctIdentity: { readonly studyInstanceUID: string; readonly seriesInstanceUID: string; readonly frameOfReferenceUID: string | null };
  readonly region?: LpsBox;
  readonly matrix?: readonly number[];
  readonly matrixSource?: 'manual' | 'given';
  readonly placedNeedles?: Readonly<Record<string, { readonly entryLps: readonly [number, number, number]; readonly tipLps: readonly [number, number, number] }>>;
}

/** What an analysis came to. */
export type AnalysisOutcome =
  | { readonly kind: 'ok'; readonly result: PostProcedureResult }
  /** The registration ran and does not trust its answer: its report says why. */
  | { readonly kind: 'registration-failed'; readonly message: string; readonly registration: RegistrationReport }
  /** Input the analysis cannot use (a plan without lesions, volumes that do not overlap, content that does not parse). */
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'cancelled' }
  /** A fault of the server (an exception, the worker dying, too long). */
  | { readonly kind: 'error'; readonly message: string };

/** Main thread → worker. `cancel` is a 4-byte shared flag the main thread sets to 1 to stop the job. */
export interface JobMessage {
  readonly id: number;
  readonly job: AnalysisJob;
  readonly cancel: SharedArrayBuffer;
}

/** Worker → main thread. */
export type WorkerMessage =
  | { readonly id: number; readonly type: 'progress'; readonly fraction: number; readonly phase: string }
  | { readonly id: number; readonly type: 'done'; readonly outcome: AnalysisOutcome };

/** A volume's message form with a copy of its scalars (the cached volume keeps its own), and the buffer to transfer. */
export function volumeMessage(v: PlanningVolume): { message: VolumeMessage; transfer: ArrayBuffer } {
  const scalars = v.scalars.slice();
  return {
    message: { dimensions: v.dimensions, spacing: v.spacing, origin: v.origin, direction: v.direction, scalars },
    transfer: scalars.buffer as ArrayBuffer,
  };
}

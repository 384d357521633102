import type { InstanceHeader } from './instanceHeader';

/** A blocker turns MPR off for the series; a warning is shown but the volume is still built. */
export type IssueSeverity = 'blocker' | 'warning';

/** Enough to name an instance to a person and to find it again. */
export interface InstanceRef {
  sopInstanceUID: string;
  instanceNumber?: number;
}

interface IssueBase {
  severity: IssueSeverity;
  /** A sentence for the radiologist, naming the instances concerned. */
  message: string;
  /** The instances the issue is about (empty when it concerns the series as a whole). */
  instances: InstanceRef[];
}

/** One finding of the series geometry check. The fields beyond the base are for tests and UI. */
export type GeometryIssue = IssueBase &
  (
    | { kind: 'no-images' }
    | { kind: 'single-image' }
    | { kind: 'missing-geometry'; fields: string[] }
    | { kind: 'no-pixel-data' }
    | { kind: 'multi-frame'; frames: number }
    | { kind: 'non-image'; sopClassNames: string[] }
    | { kind: 'localizer'; detectedBy: 'image-type' | 'orientation' }
    | { kind: 'mixed-orientation'; orientations: number }
    | { kind: 'mixed-size'; expected: string; found: string[] }
    | { kind: 'multiple-frames-of-reference'; frameOfReferenceUIDs: string[] }
    | { kind: 'no-frame-of-reference' }
    | { kind: 'duplicate-position'; positionMm: number }
    | { kind: 'gap'; gapMm: number; expectedMm: number; missingSlices: number }
    | { kind: 'uneven-spacing'; minStepMm: number; maxStepMm: number; expectedMm: number }
    | { kind: 'gantry-tilt'; angleDeg: number }
  );

/** The kinds of {@link GeometryIssue}. */
export type GeometryIssueKind = GeometryIssue['kind'];

/** The reference of a header, for issues. */
export const refOf = (h: InstanceHeader): InstanceRef =>
  h.instanceNumber === undefined
    ? { sopInstanceUID: h.sopInstanceUID }
    : { sopInstanceUID: h.sopInstanceUID, instanceNumber: h.instanceNumber };

/**
 * "instance 12 (SOP Instance UID 1.2.3)", or "instance 12 at 5 mm (…)" with a slice position.
 * Both number and UID are given because InstanceNumber is what the radiologist sees on screen,
 * but real exports repeat it (one real CT has 1 on every slice).
 */
export function describeInstance(r: InstanceRef, positionMm?: number): string {
  const uid = r.sopInstanceUID === '' ? 'no SOP Instance UID' : `SOP Instance UID ${r.sopInstanceUID}`;
  const where = positionMm === undefined ? '' : ` at ${mm(positionMm)}`;
  return r.instanceNumber === undefined
    ? `instance without InstanceNumber${where} (${uid})`
    : `instance ${r.instanceNumber}${where} (${uid})`;
}

/** Lists a few instances and counts the rest, so one message stays readable on a 500-slice series. */
export function describeInstances(refs: readonly InstanceRef[], max = 4): string {
  const shown = refs.slice(0, max).map((r) => describeInstance(r));
  const rest = refs.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** Millimetres for messages: at most two decimals, no trailing zeros ("2.5", "-300.5", "0.98"). */
export const mm = (x: number): string => `${Number(x.toFixed(2))} mm`;

/** "1 image", "3 images": counts in messages. */
export const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Degrees for messages, one decimal. */
export const degrees = (x: number): string => `${x.toFixed(1)}°`;

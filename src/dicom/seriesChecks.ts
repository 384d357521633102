import type { InstanceHeader } from './instanceHeader';
import { count, degrees, describeInstance, describeInstances, mm, refOf, type GeometryIssue } from './geometryIssues';
import { cosines, describeOrientation, planeName, sameOrientation, type Orientation } from './slicePlane';

const groupLabel = (n: number, o: Orientation): string => `${count(n, `${planeName(o)} image`)} ${cosines(o)}`;

/** Below this angle a step off the normal is DS rounding, not a tilt. */
export const TILT_MIN_DEGREES = 0.1;
/** Below this in-plane drift (first to last slice) a step off the normal is DS rounding too. */
export const TILT_MIN_DRIFT_MM = 0.05;

const FIELDS = {
  imagePositionPatient: 'ImagePositionPatient (0020,0032)',
  imageOrientationPatient: 'ImageOrientationPatient (0020,0037)',
  pixelSpacing: 'PixelSpacing (0028,0030)',
} as const;

/**
 * Images without the geometry a volume needs. Without position or orientation the slices can
 * only be ordered by InstanceNumber (`stackOnly`); without pixel spacing they can be ordered
 * but in-plane distances are unknown.
 */
export function missingGeometryIssue(headers: readonly InstanceHeader[], stackOnly: boolean): GeometryIssue {
  const fields = (Object.keys(FIELDS) as (keyof typeof FIELDS)[])
    .filter((k) => headers.some((h) => h[k] === undefined))
    .map((k) => FIELDS[k]);
  const consequence = stackOnly
    ? 'the images can only be shown as a stack in InstanceNumber order, without MPR'
    : 'distances in the image plane are unknown, so no volume can be built';
  return {
    kind: 'missing-geometry',
    severity: 'blocker',
    fields,
    instances: headers.map(refOf),
    message: `No ${fields.join(' or ')} on ${describeInstances(headers.map(refOf))}: ${consequence}.`,
  };
}

/** The series' slices split by orientation: the main (largest) group, localizers, and the rest. */
export interface OrientationSplit {
  main: InstanceHeader[];
  localizers: InstanceHeader[];
  others: InstanceHeader[];
  issues: GeometryIssue[];
}

/**
 * Groups slices by orientation. A lone image whose orientation differs from a main group of
 * two or more is taken for a localizer (scouts are often not labelled as such); larger
 * groups of another orientation make the series mixed, which no single volume can hold.
 * Every slice must have an orientation.
 */
export function orientationIssues(slices: readonly InstanceHeader[]): OrientationSplit {
  const groups: { o: Orientation; members: InstanceHeader[] }[] = [];
  for (const h of slices) {
    const o = h.imageOrientationPatient;
    if (!o) continue;
    const g = groups.find((x) => sameOrientation(x.o, o));
    if (g) g.members.push(h);
    else groups.push({ o, members: [h] });
  }
  const [firstGroup] = groups;
  if (!firstGroup) return { main: [], localizers: [], others: [], issues: [] };
  // The first of the largest groups wins, so ties resolve by InstanceNumber order.
  const main = groups.reduce((best, g) => (g.members.length > best.members.length ? g : best), firstGroup);
  const out: OrientationSplit = { main: main.members, localizers: [], others: [], issues: [] };
  const rest = groups.filter((g) => g !== main);
  const mainName = describeOrientation(main.o);
  for (const g of rest) {
    const h = g.members[0];
    if (h && g.members.length === 1 && main.members.length >= 2) {
      out.localizers.push(h);
      out.issues.push({
        kind: 'localizer',
        severity: 'warning',
        detectedBy: 'orientation',
        instances: [refOf(h)],
        message:
          `Lone image of another orientation taken for a localizer and left out of the volume: ${describeInstance(refOf(h))} ` +
          `is ${describeOrientation(g.o)} while the series is ${mainName}.`,
      });
    }
  }
  const mixed = rest.filter((g) => !(g.members.length === 1 && main.members.length >= 2));
  if (mixed.length > 0) {
    out.others = mixed.flatMap((g) => g.members);
    const list = mixed.map(
      (g) => `${groupLabel(g.members.length, g.o)}: ${describeInstances(g.members.map(refOf), 2)}`,
    );
    out.issues.push({
      kind: 'mixed-orientation',
      severity: 'blocker',
      orientations: mixed.length + 1,
      instances: out.others.map(refOf),
      message:
        `Images in ${mixed.length + 1} orientations: the volume would use the ${groupLabel(main.members.length, main.o)}, ` +
        `but the series also holds ${list.join('; ')}.`,
    });
  }
  return out;
}

/**
 * A blocker when the slices step off their normal by more than rounding would explain. The
 * shift is given per usual step (`spacingMm`); without a spacing (all positions equal) there
 * is no stepping to judge.
 */
export function gantryTiltIssue(
  step: { inPlaneMm: number; angleDeg: number },
  spacingMm: number | undefined,
): GeometryIssue | undefined {
  if (spacingMm === undefined || step.angleDeg < TILT_MIN_DEGREES || step.inPlaneMm < TILT_MIN_DRIFT_MM) return undefined;
  const shift = Math.tan((step.angleDeg * Math.PI) / 180) * spacingMm;
  return {
    kind: 'gantry-tilt',
    severity: 'blocker',
    angleDeg: step.angleDeg,
    instances: [],
    message:
      `Gantry tilt of ${degrees(step.angleDeg)}: each slice is shifted ${mm(shift)} within its plane ` +
      `per ${mm(spacingMm)} step, so MPR and 3D measurements would be sheared. ` +
      'A de-tilted (resampled) reconstruction is needed for planning.',
  };
}

const sizeOf = (h: InstanceHeader): string => {
  const matrix = `${h.rows ?? '?'}×${h.columns ?? '?'} pixels`;
  const [r, c] = h.pixelSpacing ?? [];
  return r === undefined || c === undefined
    ? `${matrix} without pixel spacing`
    : `${matrix} at ${Number(r.toFixed(4))} × ${Number(c.toFixed(4))} mm`;
};

/** A blocker naming the images whose matrix size or pixel spacing differs from most of the series. */
export function sizeIssue(slices: readonly InstanceHeader[]): GeometryIssue | undefined {
  const bySize = new Map<string, InstanceHeader[]>();
  for (const h of slices) bySize.set(sizeOf(h), [...(bySize.get(sizeOf(h)) ?? []), h]);
  if (bySize.size < 2) return undefined;
  const [expected = ''] = [...bySize.entries()].reduce((a, b) => (b[1].length > a[1].length ? b : a));
  const odd = [...bySize.entries()].filter(([k]) => k !== expected);
  return {
    kind: 'mixed-size',
    severity: 'blocker',
    expected,
    found: odd.map(([k]) => k),
    instances: odd.flatMap(([, hs]) => hs.map(refOf)),
    message:
      `Images differ in size: most are ${expected}, but ` +
      `${odd.map(([k, hs]) => `${describeInstances(hs.map(refOf), 2)} ${hs.length === 1 ? 'is' : 'are'} ${k}`).join('; ')}.`,
  };
}

/** A blocker when images come from several frames of reference; a warning when none has one. */
export function frameOfReferenceIssues(images: readonly InstanceHeader[]): GeometryIssue[] {
  if (images.length === 0) return [];
  const counts = new Map<string, number>();
  for (const h of images) {
    const k = h.frameOfReferenceUID ?? '(none)';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  if (counts.size === 1 && counts.has('(none)')) {
    return [
      {
        kind: 'no-frame-of-reference',
        severity: 'warning',
        instances: [],
        message: 'No FrameOfReferenceUID (0020,0052): planned points cannot be tied to this series\u2019 patient coordinates.',
      },
    ];
  }
  if (counts.size === 1) return [];
  const uids = [...counts.keys()].sort();
  return [
    {
      kind: 'multiple-frames-of-reference',
      severity: 'blocker',
      frameOfReferenceUIDs: uids,
      instances: [],
      message:
        `Images belong to ${uids.length} frames of reference (${uids.map((u) => `${u}: ${counts.get(u)} images`).join('; ')}): ` +
        'their coordinates cannot be combined into one volume.',
    },
  ];
}

import type { InstanceHeader } from './instanceHeader';
import { describeInstance, describeInstances, mm, refOf, type GeometryIssue } from './geometryIssues';

/** A slice and its position along the stack's normal, in mm. */
export interface PositionedSlice {
  header: InstanceHeader;
  positionMm: number;
}

/** Positions closer than this are the same slice: DS values are often rounded to 0.01 mm. */
export const DUPLICATE_TOLERANCE_MM = 0.01;
/** A step this many times the usual spacing means at least one slice is missing. */
export const GAP_RATIO = 1.5;
/** Steps may differ from the usual spacing by 1 % of it and still be even … */
export const UNEVEN_RELATIVE = 0.01;
/** … or by 0.01 mm on thin slices, where 1 % would be below the precision DS values carry. */
export const UNEVEN_ABSOLUTE_MM = 0.01;

/** What the spacing check found on a sorted stack. */
export interface SpacingAnalysis {
  /** The usual (lower median) step between distinct positions; absent with fewer than two positions. */
  spacingMm?: number;
  issues: GeometryIssue[];
}

/**
 * The lower median: with an even count it takes the smaller middle value rather than the mean.
 * Missing slices only ever lengthen steps, so on a short series (steps 2.5 and 5) the mean
 * (3.75) would hide the gap that the lower median (2.5) exposes.
 */
function lowerMedian(values: readonly number[]): number | undefined {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

const at = (s: PositionedSlice): string => describeInstance(refOf(s.header), s.positionMm);

function duplicateIssues(slices: readonly PositionedSlice[]): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const pos = (k: number): number => slices[k]?.positionMm ?? Number.NaN;
  for (let i = 0; i < slices.length; ) {
    let j = i + 1;
    while (j < slices.length && pos(j) - pos(i) <= DUPLICATE_TOLERANCE_MM) j++;
    if (j - i > 1) {
      const refs = slices.slice(i, j).map((s) => refOf(s.header));
      issues.push({
        kind: 'duplicate-position',
        severity: 'blocker',
        positionMm: pos(i),
        instances: refs,
        message:
          `${refs.length} images at the same slice position ${mm(pos(i))}: ${describeInstances(refs)}. ` +
          'The series may hold two reconstructions or a repeated file; the volume would be wrong.',
      });
    }
    i = j;
  }
  return issues;
}

/**
 * Checks the steps between successive slices of a stack sorted by position: repeated
 * positions, gaps where slices are missing, and steps that differ from the usual spacing.
 * Any of these would make a volume built from the stack geometrically wrong.
 */
export function analyzeSpacing(slices: readonly PositionedSlice[]): SpacingAnalysis {
  const issues = duplicateIssues(slices);
  const steps: { from: PositionedSlice; to: PositionedSlice; mm: number }[] = [];
  for (let i = 0; i + 1 < slices.length; i++) {
    const from = slices[i];
    const to = slices[i + 1];
    if (from && to && to.positionMm - from.positionMm > DUPLICATE_TOLERANCE_MM) {
      steps.push({ from, to, mm: to.positionMm - from.positionMm });
    }
  }
  const spacing = lowerMedian(steps.map((s) => s.mm));
  if (spacing === undefined) return { issues };

  const even: typeof steps = [];
  for (const s of steps) {
    if (s.mm <= GAP_RATIO * spacing) {
      even.push(s);
      continue;
    }
    const missing = Math.max(1, Math.round(s.mm / spacing) - 1);
    issues.push({
      kind: 'gap',
      severity: 'blocker',
      gapMm: s.mm,
      expectedMm: spacing,
      missingSlices: missing,
      instances: [refOf(s.from.header), refOf(s.to.header)],
      message:
        `Gap of ${mm(s.mm)} between ${at(s.from)} and ${at(s.to)}, where the series steps ${mm(spacing)}: ` +
        `about ${missing} slice${missing === 1 ? '' : 's'} missing.`,
    });
  }

  const tolerance = Math.max(UNEVEN_ABSOLUTE_MM, UNEVEN_RELATIVE * spacing);
  const off = even.filter((s) => Math.abs(s.mm - spacing) > tolerance);
  const worst = off.reduce<(typeof off)[number] | undefined>(
    (w, s) => (w === undefined || Math.abs(s.mm - spacing) > Math.abs(w.mm - spacing) ? s : w),
    undefined,
  );
  if (worst) {
    const all = even.map((s) => s.mm);
    const minStep = Math.min(...all);
    const maxStep = Math.max(...all);
    issues.push({
      kind: 'uneven-spacing',
      severity: 'blocker',
      minStepMm: minStep,
      maxStepMm: maxStep,
      expectedMm: spacing,
      instances: [refOf(worst.from.header), refOf(worst.to.header)],
      message:
        `Uneven slice spacing: ${off.length} step${off.length === 1 ? '' : 's'} differ from the usual ${mm(spacing)} ` +
        `(steps range from ${mm(minStep)} to ${mm(maxStep)}); the largest deviation is ${mm(worst.mm)} ` +
        `between ${at(worst.from)} and ${at(worst.to)}.`,
    });
  }
  return { spacingMm: spacing, issues };
}

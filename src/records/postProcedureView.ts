import type { LeakClass, NeedleReport, PostProcedureAssessment, PostProcedureResult, RegistrationReport } from './postProcedure';

/**
 * How a stored post-procedure assessment (issue 18) reads on the case page and in the tumour
 * board: leak classes in words, needle errors graded against the acceptable error, the fill of
 * each lesion, and the board's one-line summary. Pure, so every word and number is tested apart
 * from the layout; "—" stands for anything unknown.
 */

/** Interventional radiologists' mean maximum acceptable needle error (de Jong 2018), mm. */
export const ACCEPTABLE_NEEDLE_ERROR_MM = 2.7;

const DASH = '—';

/** Each leak class in the words the report uses. */
export const LEAK_CLASS_LABEL: Readonly<Record<LeakClass, string>> = {
  'basivertebral-venous': 'basivertebral vein',
  'segmental-venous': 'segmental vein',
  'cortical-defect': 'through a cortical defect',
  disc: 'into the disc',
  canal: 'into the canal',
  'intra-articular': 'into the joint',
  venous: 'venous',
  'soft-tissue': 'soft tissue',
};

/** The plan's names for what a result refers to by id (read from the plan by the caller). */
export interface PlanLabels {
  readonly title: string | null;
  readonly lesions: ReadonlyMap<string, string>;
  readonly trajectories: ReadonlyMap<string, string>;
}

/** No plan read: lesions and needles are named by their order. */
export const NO_PLAN_LABELS: PlanLabels = { title: null, lesions: new Map(), trajectories: new Map() };

/** The part of a long label before its explanation ("Bladder (urine)" → "Bladder", "T10: lytic" → "T10"). */
export const shortName = (label: string): string => label.split(/[:(]/)[0]!.trim() || label.trim();

/** A number with `digits` decimals, "—" when missing or not finite. */
export const fixed = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? DASH : x.toFixed(digits));

/** A volume in mL: one decimal from 1 mL, two below it without trailing zeros (12.3, 0.25, 0.3). */
export function mlText(ml: number | null | undefined): string {
  if (ml === null || ml === undefined || !Number.isFinite(ml)) return DASH;
  if (Math.abs(ml) >= 1) return ml.toFixed(1);
  return ml.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** A planned lesion's name: its label (short form), else "lesion k" by its order in the result. */
export const lesionName = (labels: PlanLabels, lesionId: string, index: number): string => {
  const l = labels.lesions.get(lesionId);
  return l ? shortName(l) : `lesion ${index + 1}`;
};

/** A planned needle's name: its label, else "needle k". */
export const needleName = (labels: PlanLabels, trajectoryId: string, index: number): string => labels.trajectories.get(trajectoryId) || `needle ${index + 1}`;

/** Whether an error (mm) is within the acceptable error; null when it was not measured. */
export type ErrorGrade = 'within' | 'beyond' | null;
export const errorGrade = (mm: number | null): ErrorGrade => (mm === null || !Number.isFinite(mm) ? null : mm <= ACCEPTABLE_NEEDLE_ERROR_MM ? 'within' : 'beyond');

const FOUND: Readonly<Record<NeedleReport['found'], string>> = { detected: 'found in the CBCT', placed: 'placed by hand', missing: 'not found' };

/** One needle row of the case page. */
export interface NeedleRow {
  readonly trajectoryId: string;
  readonly name: string;
  readonly found: string;
  readonly missing: boolean;
  readonly entryErrorMm: string;
  readonly entryGrade: ErrorGrade;
  readonly tipErrorMm: string;
  readonly tipGrade: ErrorGrade;
  readonly angleDeg: string;
  /** "48.2 of 50.0 mm" (reached of planned). */
  readonly depth: string;
}

export function needleRows(r: PostProcedureResult, labels: PlanLabels): NeedleRow[] {
  return r.needles.map((n, k) => {
    const missing = n.found === 'missing';
    return {
      trajectoryId: n.trajectoryId,
      name: needleName(labels, n.trajectoryId, k),
      found: FOUND[n.found],
      missing,
      entryErrorMm: missing ? DASH : fixed(n.entryErrorMm),
      entryGrade: missing ? null : errorGrade(n.entryErrorMm),
      tipErrorMm: missing ? DASH : fixed(n.tipErrorMm),
      tipGrade: missing ? null : errorGrade(n.tipErrorMm),
      angleDeg: missing ? DASH : fixed(n.angleDeg),
      depth: `${missing ? DASH : fixed(n.depthMm)} of ${fixed(n.plannedDepthMm)} mm`,
    };
  });
}

/** One lesion's fill: its name, % (0–100) and the volumes. */
export interface FillRow {
  readonly lesionId: string;
  readonly name: string;
  readonly fillPct: number;
  readonly text: string;
}

export const fillRows = (r: PostProcedureResult, labels: PlanLabels): FillRow[] =>
  r.cement.lesions.map((l, k) => ({
    lesionId: l.lesionId,
    name: lesionName(labels, l.lesionId, k),
    fillPct: Math.min(100, Math.max(0, l.fillPct)),
    text: `${fixed(l.fillPct, 0)} % (${mlText(l.cementInLesionMl)} of ${mlText(l.lesionVolumeMl)} mL)`,
  }));

/** "3.1 mm from Bladder", "touching Bladder", or null without a structure. */
export function nearText(name: string | null, distanceMm: number | null): string | null {
  if (!name) return null;
  if (distanceMm === null || !Number.isFinite(distanceMm)) return `near ${shortName(name)} (distance —)`;
  return distanceMm <= 0 ? `touching ${shortName(name)}` : `${fixed(distanceMm)} mm from ${shortName(name)}`;
}

/** One leak row of the case page. */
export interface LeakRow {
  readonly id: string;
  readonly location: string;
  readonly volume: string;
  readonly near: string;
  readonly flagged: boolean;
}

export const leakRows = (r: PostProcedureResult): LeakRow[] =>
  r.cement.leaks.map((l) => ({
    id: l.id,
    location: LEAK_CLASS_LABEL[l.location],
    volume: `${mlText(l.volumeMl)} mL`,
    near: nearText(l.nearestStructure, l.distanceMm) ?? 'no structure at risk in the plan',
    flagged: l.flagged,
  }));

/** The rotation angle (°) of a row-major 4×4 rigid matrix: acos((trace − 1) / 2). */
export function matrixRotationDeg(m: readonly number[]): number {
  const c = ((m[0] ?? 1) + (m[5] ?? 1) + (m[10] ?? 1) - 1) / 2;
  return (Math.acos(Math.min(1, Math.max(-1, c))) * 180) / Math.PI;
}

const signed = (x: number, digits: number): string => (x > 0 ? '+' : '') + fixed(x, digits);

/** The registration as the case page prints it. */
export interface RegistrationView {
  readonly ok: boolean;
  readonly status: string;
  /** "x +1.2°, y -0.5°, z +3.0° (3.3° in all)" */
  readonly rotation: string;
  /** "x +10.0, y -4.0, z +2.5 mm (11.1 mm in all)" */
  readonly translation: string;
  /** "NCC 0.91 · bone edges 0.6 mm apart · 41 230 points" */
  readonly residual: string;
  readonly source: string;
}

const SOURCE: Readonly<Record<RegistrationReport['source'], string>> = { automatic: 'automatic', manual: 'adjusted by hand', given: 'transform given' };

export function registrationView(g: RegistrationReport): RegistrationView {
  const [rx, ry, rz] = g.rotationDeg;
  const [tx, ty, tz] = g.translationMm;
  const norm = Math.hypot(tx, ty, tz);
  const edge = g.residual.edgeDistanceMm;
  return {
    ok: g.status === 'ok',
    status: g.status === 'ok' ? 'succeeded' : `failed${g.message ? `: ${g.message}` : ''}`,
    rotation: `x ${signed(rx, 1)}°, y ${signed(ry, 1)}°, z ${signed(rz, 1)}° (${fixed(matrixRotationDeg(g.matrix))}° in all)`,
    translation: `x ${signed(tx, 1)}, y ${signed(ty, 1)}, z ${signed(tz, 1)} mm (${fixed(norm)} mm in all)`,
    residual: `NCC ${fixed(g.residual.ncc, 2)} · ${edge === null ? 'bone edge distance not measurable' : `bone edges ${fixed(edge)} mm apart`} · ${g.residual.samples} points`,
    source: SOURCE[g.source],
  };
}

/** One plan's accepted assessments: the latest (highest version) and the older ones, newest first. */
export interface PlanAssessments {
  readonly planId: string;
  readonly latest: PostProcedureAssessment;
  readonly older: readonly PostProcedureAssessment[];
  readonly count: number;
}

/** Groups a case's assessments by plan, the plan with the most recently accepted assessment first. */
export function groupByPlan(list: readonly PostProcedureAssessment[]): PlanAssessments[] {
  const byPlan = new Map<string, PostProcedureAssessment[]>();
  for (const a of list) byPlan.set(a.planId, [...(byPlan.get(a.planId) ?? []), a]);
  return [...byPlan.entries()]
    .map(([planId, all]) => {
      const sorted = [...all].sort((a, b) => b.version - a.version);
      return { planId, latest: sorted[0]!, older: sorted.slice(1), count: sorted.length };
    })
    .sort((a, b) => b.latest.acceptedAt.localeCompare(a.latest.acceptedAt) || a.planId.localeCompare(b.planId));
}

/** "version 2 of 3" — the assessment's version among all of its plan's. */
export const versionText = (a: PostProcedureAssessment, g: PlanAssessments): string => `version ${a.version} of ${Math.max(g.count, g.latest.version)}`;

/**
 * The board's line: "Post-procedure: cement 12.3 mL, fill L1 72 %, L2 44 %; leaks 2 (venous
 * 0.25 mL, soft tissue 0.3 mL — 3.1 mm from femoral vein); needles max tip error 3.0 mm". A leak's
 * structure is named only when it is flagged (close to it); needles not found are counted.
 */
export function boardSummaryLine(a: PostProcedureAssessment, labels: PlanLabels): string {
  const r = a.result;
  if (r.registration.status !== 'ok') return `Post-procedure: registration failed${r.registration.message ? ` (${r.registration.message})` : ''}`;
  const fills = fillRows(r, labels).map((f) => `${f.name} ${fixed(f.fillPct, 0)} %`);
  const cement = `cement ${mlText(r.cement.volumeMl)} mL${fills.length ? `, fill ${fills.join(', ')}` : ''}`;
  const leaks = r.cement.leaks.length
    ? `leaks ${r.cement.leaks.length} (${r.cement.leaks
        .map((l) => {
          const near = l.flagged ? nearText(l.nearestStructure, l.distanceMm) : null;
          return `${LEAK_CLASS_LABEL[l.location]} ${mlText(l.volumeMl)} mL${near ? ` — ${near}` : ''}`;
        })
        .join(', ')})`
    : 'no leak';
  const seen = r.needles.filter((n) => n.found !== 'missing');
  const missing = r.needles.length - seen.length;
  const parts = [cement, leaks];
  if (r.needles.length) {
    const tip = seen.length ? `needles max tip error ${fixed(Math.max(...seen.map((n) => n.tipErrorMm)))} mm` : 'needles not found';
    parts.push(seen.length && missing ? `${tip} (${missing} not found)` : tip);
  }
  return `Post-procedure: ${parts.join('; ')}`;
}

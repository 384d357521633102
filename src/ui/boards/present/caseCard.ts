import { PROCEDURES, TUMOUR_TYPES, type BoardItem, type CaseDocument, type LesionScores } from '../../../records';

/**
 * What the presenter's summary card says about a case, as text (issue 14, "Presenting"): who
 * (pseudonym, sex, age), the tumour, the pain and whether imaging matches it, opioids in MME/day,
 * ECOG, the lesion scores that were recorded, the reason and question, and the proposed procedure.
 * Pure, so the words are tested apart from the layout; "—" stands for anything unknown.
 */

/** One line of the card: a label, the value, and the test id the page gives it. */
export interface CardRow {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** A second, smaller line (notes), or empty. */
  readonly detail: string;
}

const DASH = '—';

type ScoreKey = keyof LesionScores;
/** The scores in the order the card lists them; Genant follows because it grades the fracture SINS counts. */
const SCORE_NAMES: readonly (readonly [ScoreKey, string])[] = [
  ['sins', 'SINS'],
  ['mirels', 'Mirels'],
  ['harrington', 'Harrington'],
  ['bilsky', 'Bilsky'],
  ['genant', 'Genant'],
];

const CORRELATION: Record<CaseDocument['pain']['imagingCorrelation'], string> = {
  concordant: 'imaging matches',
  partial: 'imaging partly matches',
  discordant: 'imaging does not match',
  'not-assessed': 'imaging match not assessed',
};

/** A number as text, "—" when missing or not finite (never "NaN"). */
export const numText = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined || !Number.isFinite(x) ? DASH : x.toFixed(digits));

/** A component's key in words: "lateralCortices" → "lateral cortices". */
const words = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** Scores that are a class or grade: their total only mirrors the class (Harrington 3 is class III), so the class alone is shown. */
const GRADED: ReadonlySet<ScoreKey> = new Set(['harrington', 'bilsky', 'genant']);

/** A stored score as the card shows it: "9 (potentially unstable)", "III", or why there is none. */
export function scoreValue(key: ScoreKey, score: NonNullable<LesionScores[ScoreKey]>): string {
  const r = score.result;
  if (!r) return 'not computed';
  if (r.missing.length) return `incomplete (missing ${r.missing.map(words).join(', ')})`;
  if (GRADED.has(key) && r.category !== null) return r.category;
  if (r.total !== null && r.category !== null && String(r.total) !== r.category) return `${numText(r.total)} (${r.category})`;
  return r.category ?? numText(r.total);
}

/** The patient as shown: the pseudonym, or "Hidden" for a real name while identifiers are hidden. */
export function patientLabel(c: Pick<CaseDocument, 'patient'>, hideIdentifiers: boolean): string {
  return hideIdentifiers && !c.patient.pseudonymous ? 'Hidden' : c.patient.pseudonym;
}

/** "male, 62 y", with "sex unknown" / "age unknown" rather than blanks. */
export function sexAge(c: Pick<CaseDocument, 'patient'>): string {
  const sex = c.patient.sex === 'unknown' ? 'sex unknown' : c.patient.sex;
  return `${sex}, ${c.patient.ageYears === null ? 'age unknown' : `${c.patient.ageYears} y`}`;
}

/** Each lesion's recorded scores, one line per lesion ("Right acetabulum: Harrington III"). */
export function lesionScoreLines(c: Pick<CaseDocument, 'lesions'>): string[] {
  return c.lesions.flatMap((l, i) => {
    const scores = SCORE_NAMES.flatMap(([k, name]) => {
      const s = l.scores[k];
      return s ? [`${name} ${scoreValue(k, s)}`] : [];
    });
    return scores.length ? [`${l.label || l.site || `Lesion ${i + 1}`}: ${scores.join(' · ')}`] : [];
  });
}

/** The card's rows for one agenda item and its case. */
export function caseCardRows(c: CaseDocument, item: Pick<BoardItem, 'reason' | 'question'>, hideIdentifiers: boolean): CardRow[] {
  const tumour = c.tumour.primary ? TUMOUR_TYPES[c.tumour.primary] : c.tumour.primaryDetail || DASH;
  const histology = c.tumour.histology || (c.tumour.primary && c.tumour.primaryDetail ? c.tumour.primaryDetail : '');
  const scores = lesionScoreLines(c);
  const procedures = c.decision.procedures.map((p) => PROCEDURES[p]).join(' + ');
  const mme = c.analgesics.mme;
  return [
    { key: 'patient', label: 'Patient', value: `${patientLabel(c, hideIdentifiers)} · ${sexAge(c)}`, detail: '' },
    { key: 'tumour', label: 'Primary', value: tumour, detail: histology ? `Histology: ${histology}` : 'Histology: —' },
    { key: 'pain-site', label: 'Maximal pain', value: `${c.pain.maximalPainSite || DASH} · ${CORRELATION[c.pain.imagingCorrelation]}`, detail: c.pain.correlationNotes },
    { key: 'pain', label: `Pain (${c.pain.scale} 0–10)`, value: `at rest ${numText(c.pain.atRest)} / 10 · weight bearing ${numText(c.pain.onWeightBearing)} / 10`, detail: '' },
    { key: 'mme', label: 'Opioids', value: mme ? `${numText(mme.totalMmePerDay)} MME/day` : c.analgesics.entries.length ? `${DASH} MME/day (not computed)` : `${DASH} MME/day`, detail: c.analgesics.entries.map((e) => e.name).join(', ') },
    { key: 'ecog', label: 'ECOG', value: numText(c.performance.ecog), detail: '' },
    { key: 'scores', label: 'Lesion scores', value: scores.length ? scores.join('\n') : DASH, detail: '' },
    { key: 'reason', label: 'Reason', value: item.reason || DASH, detail: '' },
    { key: 'question', label: 'Question', value: item.question || DASH, detail: '' },
    { key: 'procedure', label: 'Proposed', value: procedures || DASH, detail: c.decision.accessRoute },
  ];
}

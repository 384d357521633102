import type { CaseDocument } from '../../records';
import { PROCEDURES, TUMOUR_TYPES, type LesionScores } from '../../records';

type ScoreKey = keyof LesionScores;
const SCORE_NAMES: Record<ScoreKey, string> = { sins: 'SINS', mirels: 'Mirels', harrington: 'Harrington', bilsky: 'Bilsky', genant: 'Genant' };

/** A stored score in words: its total and category, or which components are missing. */
function scoreText(score: NonNullable<LesionScores[ScoreKey]>): string {
  const r = score.result;
  if (!r) return 'not computed';
  if (r.missing.length) return `incomplete (missing ${r.missing.join(', ')})`;
  return [r.total === null ? null : String(r.total), r.category].filter((x) => x !== null && x !== '').join(' — ');
}

/** The case: label, patient (or not, when identifiers are hidden), tumour, scores and the treatment intent. */
export function ReportCaseSection({ caseDoc, hideIdentifiers }: { caseDoc: CaseDocument | { error: string }; hideIdentifiers: boolean }) {
  if ('error' in caseDoc) return <section className="report-section" data-testid="report-case"><h2>Case</h2><p className="report-problem">The case could not be read: {caseDoc.error}</p></section>;
  const c = caseDoc;
  // A real name is an identifier; a pseudonym (teaching, demo) is not.
  const patient = hideIdentifiers && !c.patient.pseudonymous ? 'identifiers hidden' : c.patient.pseudonym;
  const procedures = c.decision.procedures.map((p) => PROCEDURES[p]).join(', ');
  return (
    <section className="report-section" data-testid="report-case">
      <h2>Case</h2>
      <table className="report-kv">
        <tbody>
          <tr><th>Case</th><td data-testid="report-case-label">{c.title || '—'} (version {c.version})</td></tr>
          <tr><th>Patient</th><td className="phi">{patient} · {c.patient.sex}{c.patient.ageYears !== null ? ` · ${c.patient.ageYears} y` : ''}{!hideIdentifiers && c.patient.identifiers.length ? ` · ${c.patient.identifiers.map((i) => `${i.system} ${i.value}`).join(', ')}` : ''}</td></tr>
          <tr><th>Tumour</th><td>{c.tumour.primary ? TUMOUR_TYPES[c.tumour.primary] : '—'}{c.tumour.histology ? ` · ${c.tumour.histology}` : ''}</td></tr>
          <tr><th>Performance</th><td>ECOG {c.performance.ecog ?? '—'} · Karnofsky {c.performance.karnofsky ?? '—'}</td></tr>
          <tr><th>Pain</th><td>{c.pain.maximalPainSite || '—'} · at rest {c.pain.atRest ?? '—'} · weight bearing {c.pain.onWeightBearing ?? '—'}{c.analgesics.mme ? ` · ${num0(c.analgesics.mme.totalMmePerDay)} MME/day` : ''}</td></tr>
          <tr>
            <th>Treatment intent</th>
            <td data-testid="report-intent">
              Decision {c.decision.outcome}{procedures ? `: ${procedures}` : ''}
              {c.decision.accessRoute && <div>Access: {c.decision.accessRoute}</div>}
              {c.decision.rationale && <div>Why: {c.decision.rationale}</div>}
              {c.functionAndGoals.patientGoals && <div>Patient goals: {c.functionAndGoals.patientGoals}</div>}
            </td>
          </tr>
        </tbody>
      </table>
      <h3>Lesions and scores (case record)</h3>
      {c.lesions.length === 0 ? <p className="muted">No lesion in the case record.</p> : (
        <table className="report-table" data-testid="report-scores">
          <thead><tr><th>Lesion</th><th>Site</th><th>Type</th><th>Scores</th></tr></thead>
          <tbody>
            {c.lesions.map((l, i) => {
              const scores = (Object.keys(SCORE_NAMES) as ScoreKey[]).flatMap((k) => {
                const s = l.scores[k];
                return s ? [`${SCORE_NAMES[k]}: ${scoreText(s)}`] : [];
              });
              return (
                <tr key={l.id ?? i}>
                  <td>{l.label || `Lesion ${i + 1}`}</td>
                  <td>{l.site || '—'}{l.side ? ` (${l.side})` : ''}</td>
                  <td>{l.lesionType ?? '—'}{l.pathologicalFracture ? ', fracture' : ''}</td>
                  <td>{scores.length ? scores.map((s) => <div key={s}>{s}</div>) : 'none recorded'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const num0 = (x: number | null): string => (x === null ? '—' : String(Math.round(x)));

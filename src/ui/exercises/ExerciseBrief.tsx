import type { ExerciseView } from '../../api/exercises';

const SEX: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Sex unknown' };

/** "NRS 7/10 at rest, 9/10 weight-bearing", or undefined when neither score is recorded. */
export function painText(p: ExerciseView['case']['pain']): string | undefined {
  const parts = [p.atRest !== null ? `${p.atRest}/10 at rest` : '', p.onWeightBearing !== null ? `${p.onWeightBearing}/10 weight-bearing` : ''].filter(Boolean);
  return parts.length ? `${p.scale} ${parts.join(', ')}` : undefined;
}

/** The pseudonymous clinical summary a trainee reads before planning: as the server redacted it for the mode. */
export function ExerciseBrief({ view }: { view: ExerciseView }) {
  const c = view.case;
  const facts: [string, string | undefined][] = [
    ['Patient', `${c.patient.ageYears !== null ? `${c.patient.ageYears} years` : 'Age unknown'}, ${SEX[c.patient.sex] ?? c.patient.sex}`],
    ['Pain', painText(c.pain)],
    ['Pain site', c.pain.maximalPainSite || undefined],
    ['ECOG', c.performance.ecog !== null ? String(c.performance.ecog) : undefined],
    ['Karnofsky', c.performance.karnofsky !== null ? `${c.performance.karnofsky}%` : undefined],
    ['Mobility', c.functionAndGoals.baselineMobility ?? undefined],
    ['Goals', c.functionAndGoals.patientGoals || undefined],
    ['Bone involvement', c.involvement.bone || undefined],
  ];
  return (
    <div className="ex-brief" data-testid="ex-brief">
      <p className="ex-presentation">{view.presentation}</p>
      <dl className="ex-facts">
        {facts.filter(([, v]) => v).map(([k, v]) => (
          <div key={k} className="ex-fact"><dt>{k}</dt><dd>{v}</dd></div>
        ))}
        {view.mode === 'known' && (
          <>
            <div className="ex-fact"><dt>Diagnosis</dt><dd data-testid="ex-known-diagnosis">{view.diagnosis ?? '—'}</dd></div>
            {view.findings && <div className="ex-fact"><dt>Findings</dt><dd>{view.findings}</dd></div>}
          </>
        )}
      </dl>
      {view.mode === 'known' && view.tags.length > 0 && <div className="row">{view.tags.map((t) => <span key={t} className="badge">{t}</span>)}</div>}
      {view.mode === 'unknown' && <p className="muted small-text">Unknown case: the diagnosis, the expert plan and the outcome are shown after you submit.</p>}
    </div>
  );
}

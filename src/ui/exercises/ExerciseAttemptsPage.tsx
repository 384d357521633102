import { useEffect, useState } from 'react';
import { exercisesApi, type ExerciseView, type SubmissionSummary } from '../../api/exercises';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate } from '../useNavigation';
import { useRoles } from '../auth/authStore';
import { visibleActions } from '../auth/roleActions';
import { utcTime } from '../admin/adminFormat';
import { attemptsByTrainee } from './attempts';
import { AttemptsChart } from './AttemptsChart';
import { planningTime, scoreNumber } from './scoreFormat';

/**
 * The attempts at one exercise: per trainee, a table of attempts with their scores and a chart of
 * target error and coverage over the attempts. Teachers see every trainee; a trainee their own
 * (the server answers only those).
 */
export function ExerciseAttemptsPage({ id }: { id: string }) {
  const [view, setView] = useState<ExerciseView | undefined>();
  const [subs, setSubs] = useState<SubmissionSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const { manageTeaching } = visibleActions(useRoles());

  useEffect(() => {
    exercisesApi.get(id).then(setView, () => undefined);
    exercisesApi.submissions(id).then(setSubs, (e: unknown) => setError(`The attempts could not be listed: ${errorText(e)}`));
  }, [id]);

  const groups = subs ? attemptsByTrainee(subs) : [];
  return (
    <div className="page">
      <TopBar title={`Attempts${view ? ` — ${view.heading}` : ''}`} />
      <main className="worklist ex-page" data-testid="ex-attempts">
        <div className="row">
          <button onClick={() => navigate(`/exercises/${id}`)}>Back to the exercise</button>
          <span className="muted">{manageTeaching ? 'Every trainee’s attempts' : 'Your attempts'}</span>
        </div>
        {error && <div className="error-banner">{error}</div>}
        {!subs && !error && <div className="muted">Loading attempts…</div>}
        {subs && !groups.length && <div className="muted">No attempt yet.</div>}
        {groups.map((g) => (
          <section key={g.account} className="ex-trainee" data-testid="ex-trainee" data-account={g.account}>
            <h3>{g.displayName} <span className="muted small-text">{g.account} · {g.attempts.length} attempt{g.attempts.length === 1 ? '' : 's'}</span></h3>
            <div className="ex-trainee-body">
              <table className="studies ex-table">
                <thead>
                  <tr>
                    <th className="num">#</th><th>Submitted</th><th>Safety</th><th className="num">Target</th><th className="num">Entry</th><th className="num">Angle</th>
                    <th className="num">Coverage</th><th className="num">Min margin</th><th className="num">Applicators</th><th className="num">Time</th><th className="num">Edits</th>
                  </tr>
                </thead>
                <tbody>
                  {g.attempts.map((a) => (
                    <tr key={a.id}>
                      <td className="num">{a.attempt}</td>
                      <td className="mono">{utcTime(a.submittedAt)}</td>
                      <td><span className={a.score.safe ? 'ex-mark-safe' : 'ex-mark-unsafe'}>{a.score.safe ? 'SAFE' : `UNSAFE (${a.score.violations})`}</span></td>
                      <td className="num">{scoreNumber(a.score.targetErrorMm, 'mm')}</td>
                      <td className="num">{scoreNumber(a.score.entryErrorMm, 'mm')}</td>
                      <td className="num">{scoreNumber(a.score.angleDeg, '°')}</td>
                      <td className="num">{scoreNumber(a.score.coveragePct, '%', 0)}</td>
                      <td className="num">{scoreNumber(a.score.minMarginMm, 'mm')}</td>
                      <td className="num">{a.score.applicators} / {a.score.expertApplicators}</td>
                      <td className="num">{planningTime(a.score.planningTimeS)}</td>
                      <td className="num">{a.score.edits ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="ex-chart-box">
                <AttemptsChart attempts={g.attempts} />
                <div className="small-text"><span className="ex-key-target">● target error</span> <span className="ex-key-coverage">■ coverage</span> <span className="ex-mark-unsafe">○ unsafe</span></div>
              </div>
            </div>
          </section>
        ))}
      </main>
    </div>
  );
}

import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import type { Exercise, ExerciseMode, TeachingCase } from '../../records';
import { exercisesApi } from '../../api/exercises';
import { ApiError, errorText } from '../../api/apiProblem';
import { navigate } from '../useNavigation';
import { utcTime } from '../admin/adminFormat';
import { needleCount } from './teachingText';

const go = (path: string) => (e: MouseEvent): void => {
  e.preventDefault();
  navigate(path);
};

/**
 * "Publish as exercise": known (diagnosis shown) or unknown (diagnosis, expert plan and outcome
 * hidden until the trainee submits) with the plan that is the expert's answer; then the case's
 * exercises with links to the trainee's page and to every attempt.
 */
export function TeachingExercises({ doc }: { doc: TeachingCase }) {
  const withNeedles = doc.plans.filter((p) => needleCount(p.plan.content) > 0);
  const [mode, setMode] = useState<ExerciseMode>('unknown');
  const [expertPlanId, setExpertPlanId] = useState(withNeedles[0]?.id ?? '');
  const [exercises, setExercises] = useState<Exercise[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      setExercises(await exercisesApi.ofTeachingCase(doc.id));
    } catch (e) {
      setExercises([]);
      setError(`The exercises could not be listed: ${errorText(e)}`);
    }
  }, [doc.id]);
  useEffect(() => void load(), [load]);

  const publish = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await exercisesApi.create({ teachingCaseId: doc.id, mode, ...(expertPlanId ? { expertPlanId } : {}) });
      await load();
    } catch (e) {
      setError(`Not published: ${e instanceof ApiError && e.problem ? e.problem.error : errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const why = withNeedles.length === 0 ? 'No plan of this teaching case has a needle: an exercise needs an expert plan' : undefined;
  return (
    <section className="teach-card" data-testid="teach-exercises">
      <h3>Exercises</h3>
      <div className="row wrap">
        <span className="teach-radio">
          <label title="The trainee sees the diagnosis"><input type="radio" name="teach-mode" data-testid="teach-mode-known" checked={mode === 'known'} onChange={() => setMode('known')} /> Known</label>
          <label title="Diagnosis, expert plan and outcome hidden until the trainee submits"><input type="radio" name="teach-mode" data-testid="teach-mode-unknown" checked={mode === 'unknown'} onChange={() => setMode('unknown')} /> Unknown</label>
        </span>
        <label className="filter-select">
          Expert plan
          <select data-testid="teach-expert-plan" value={expertPlanId} onChange={(e) => setExpertPlanId(e.target.value)} disabled={!withNeedles.length}>
            {withNeedles.map((p) => <option key={p.id} value={p.id}>{p.plan.title || 'Untitled plan'} ({needleCount(p.plan.content)} {needleCount(p.plan.content) === 1 ? 'needle' : 'needles'})</option>)}
          </select>
        </label>
        <button className="primary" data-testid="teach-publish-exercise" disabled={busy || !!why} title={why ?? 'Trainees plan on the de-identified images and are scored against the expert plan'} onClick={() => void publish()}>
          {busy ? 'Publishing…' : 'Publish as exercise'}
        </button>
      </div>
      {why && <p className="muted small-text">{why}.</p>}
      {doc.status !== 'published' && <p className="warn-text small-text">The teaching case itself is {doc.status}: trainees see its exercises, not the case, until it is published.</p>}
      {error && <p className="error-text" data-testid="teach-exercise-error">{error}</p>}
      {!exercises && <p className="muted">Listing exercises…</p>}
      {exercises && exercises.length === 0 && <p className="muted">Not published as an exercise yet.</p>}
      {exercises && exercises.length > 0 && (
        <table className="studies" data-testid="teach-exercise-list">
          <thead><tr><th>Heading</th><th>Mode</th><th>Status</th><th className="num">Attempts</th><th className="num">Trainees</th><th>Published</th><th /></tr></thead>
          <tbody>
            {exercises.map((x) => (
              <tr key={x.id} data-exercise-id={x.id}>
                <td><a href={`/exercises/${x.id}`} onClick={go(`/exercises/${x.id}`)}>{x.heading}</a></td>
                <td>{x.mode === 'unknown' ? 'Unknown' : 'Known'}</td>
                <td>{x.status === 'open' ? 'Open' : 'Closed'}</td>
                <td className="num">{x.submissions}</td>
                <td className="num">{x.trainees}</td>
                <td className="mono small-text">{utcTime(x.createdAt)} · {x.createdBy}</td>
                <td><a href={`/exercises/${x.id}/attempts`} onClick={go(`/exercises/${x.id}/attempts`)} data-testid="teach-exercise-attempts">Attempts and scores</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { exercisesApi, type ExerciseReveal, type ExerciseView, type SubmissionSummary } from '../../api/exercises';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate } from '../useNavigation';
import { useAuth } from '../auth/authStore';
import { ExerciseBrief } from './ExerciseBrief';
import { ScoreView } from './ScoreView';
import { RevealView } from './RevealView';
import { ownAttempts } from './attempts';

/** The viewer address that plans on an exercise's series. */
export const exerciseViewerPath = (v: Pick<ExerciseView, 'id' | 'studyInstanceUID'>): string => `/studies/${v.studyInstanceUID}?exercise=${v.id}`;

/**
 * An exercise's brief (heading, presentation, level, the pseudonymous clinical summary) with
 * "Start planning"; after a submission, the latest score, the expert's answer and the attempts.
 */
export function ExercisePage({ id }: { id: string }) {
  const [view, setView] = useState<ExerciseView | undefined>();
  const [last, setLast] = useState<SubmissionSummary | undefined>();
  const [reveal, setReveal] = useState<ExerciseReveal | undefined>();
  const [error, setError] = useState<string | undefined>();
  const auth = useAuth();
  const username = auth.status === 'signed-in' && auth.mode === 'accounts' ? auth.user.username : undefined;

  useEffect(() => {
    let cancelled = false;
    exercisesApi.get(id).then(
      async (v) => {
        if (cancelled) return;
        setView(v);
        if (!v.submitted) return;
        const [subs, rev] = await Promise.allSettled([exercisesApi.submissions(id), exercisesApi.expert(id)]);
        if (cancelled) return;
        if (subs.status === 'fulfilled') setLast(ownAttempts(subs.value, username).at(-1));
        if (rev.status === 'fulfilled') setReveal(rev.value);
      },
      (e: unknown) => !cancelled && setError(`The exercise could not be opened: ${errorText(e)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [id, username]);

  const start = () => view && navigate(exerciseViewerPath(view));
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // Enter starts planning unless it is meant for a focused control (a button, a field, a link).
      if (e.key === 'Enter' && !e.ctrlKey && !e.altKey && (!e.target || e.target === document.body) && view && view.status === 'open') navigate(exerciseViewerPath(view));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view]);

  return (
    <div className="page">
      <TopBar title={view ? view.heading : 'Exercise'} />
      <main className="worklist ex-page" data-testid="ex-page">
        {error && <div className="error-banner">{error}</div>}
        {!view && !error && <div className="muted">Loading the exercise…</div>}
        {view && (
          <>
            <div className="ex-head">
              <h2 data-testid="ex-heading">{view.heading}</h2>
              <span className="badge">{view.level}</span>
              <span className={`badge ex-mode-${view.mode}`}>{view.mode}</span>
              {view.status === 'closed' && <span className="badge">closed</span>}
            </div>
            <ExerciseBrief view={view} />
            <div className="row">
              <button className="primary" data-testid="ex-start" onClick={start} disabled={view.status === 'closed'} title="Open the images and plan (Enter)">
                {view.submitted ? 'Plan again' : 'Start planning'}
              </button>
              <button onClick={() => navigate(`/exercises/${id}/attempts`)} data-testid="ex-attempts-link">
                Attempts ({view.attempts})
              </button>
              <button onClick={() => navigate('/exercises')}>All exercises</button>
            </div>
            {last && (
              <section className="ex-result">
                <h3>Your last attempt</h3>
                <ScoreView score={last.score} attempt={last.attempt} />
              </section>
            )}
            {reveal && (
              <section className="ex-result">
                <h3>Expert</h3>
                <RevealView reveal={reveal} overlay={false} />
              </section>
            )}
          </>
        )}
      </main>
    </div>
  );
}

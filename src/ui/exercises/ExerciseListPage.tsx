import { useEffect, useState } from 'react';
import { exercisesApi, type ExerciseListEntry, type SubmissionSummary } from '../../api/exercises';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate } from '../useNavigation';
import { useAuth } from '../auth/authStore';
import { bestScore, scoreLine } from './scoreFormat';
import { ownAttempts } from './attempts';

/** The open planning exercises with the caller's attempts and best score; a row opens the brief. */
export function ExerciseListPage() {
  const [rows, setRows] = useState<ExerciseListEntry[] | undefined>();
  const [best, setBest] = useState<Record<string, SubmissionSummary | undefined>>({});
  const [error, setError] = useState<string | undefined>();
  const auth = useAuth();
  const username = auth.status === 'signed-in' && auth.mode === 'accounts' ? auth.user.username : undefined;

  useEffect(() => {
    let cancelled = false;
    exercisesApi.list().then(
      async (list) => {
        if (cancelled) return;
        setRows(list);
        // Best scores only for exercises tried (a teacher sees every attempt: only their own count here).
        const tried = list.filter((x) => x.attempts > 0);
        const answers = await Promise.allSettled(tried.map((x) => exercisesApi.submissions(x.id)));
        if (cancelled) return;
        setBest(Object.fromEntries(tried.map((x, i) => { const a = answers[i]; return [x.id, a?.status === 'fulfilled' ? bestScore(ownAttempts(a.value, username)) : undefined]; })));
      },
      (e: unknown) => !cancelled && setError(`The exercises could not be listed: ${errorText(e)}`),
    );
    return () => {
      cancelled = true;
    };
  }, [username]);

  return (
    <div className="page">
      <TopBar title="Planning exercises" />
      <main className="worklist ex-page">
        {error && <div className="error-banner">{error}</div>}
        {!rows && !error && <div className="muted">Loading exercises…</div>}
        {rows && (
          <table className="studies ex-list" data-testid="ex-list">
            <thead>
              <tr><th>Exercise</th><th>Level</th><th>Mode</th><th className="num">Your attempts</th><th>Best score</th></tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.id} data-exercise-id={x.id} className="clickable" tabIndex={0} onClick={() => navigate(`/exercises/${x.id}`)} onKeyDown={(e) => e.key === 'Enter' && navigate(`/exercises/${x.id}`)}>
                  <td>
                    <div>{x.heading}</div>
                    <div className="muted small-text">{x.presentation}</div>
                  </td>
                  <td>{x.level}</td>
                  <td><span className={`badge ex-mode-${x.mode}`}>{x.mode}</span>{x.status === 'closed' ? <span className="badge">closed</span> : null}</td>
                  <td className="num">{x.attempts}</td>
                  <td className="small-text">{best[x.id] ? scoreLine(best[x.id]!.score) : x.attempts ? '…' : '—'}</td>
                </tr>
              ))}
              {!rows.length && <tr><td colSpan={5} className="muted">No open exercise yet: an attending publishes one from a teaching case.</td></tr>}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}

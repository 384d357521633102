import { useEffect, useState } from 'react';
import type { PlanDocument } from '../../../records';
import { errorText } from '../../../api/apiProblem';
import { loadCaseAssessments } from '../../cases/postProcedure/loadCaseAssessments';
import { postProcedureLines, type PostProcedureLine } from './postProcedureLines';
import './postProcedureLines.css';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; lines: PostProcedureLine[] };

/**
 * The presenter card's post-procedure line(s) (issue 18): for each plan of the case with an
 * accepted assessment, the latest one in a sentence. Nothing while loading or when there is none;
 * a failed read is said in one small line.
 */
export function PostProcedureLines({ caseId, plan }: { caseId: string; plan: PlanDocument | undefined }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    loadCaseAssessments(caseId, plan ? new Map([[plan.id, plan]]) : new Map()).then(
      (d) => live && setState({ kind: 'loaded', lines: postProcedureLines(d) }),
      (e: unknown) => live && setState({ kind: 'failed', message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [caseId, plan]);
  if (state.kind === 'loading') return null;
  if (state.kind === 'failed') return <div className="present-post-procedure error-text small" data-testid="card-post-procedure-error">Post-procedure assessments could not be read: {state.message}</div>;
  return (
    <>
      {state.lines.map((l) => (
        <div key={l.planId} className="present-post-procedure" data-testid="card-post-procedure" data-version={l.version} title={l.detail}>
          <b>Post-procedure:</b> {l.body}
        </div>
      ))}
    </>
  );
}

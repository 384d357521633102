import { useCallback, useEffect, useState } from 'react';
import type { LinkedStudy } from '../../../records';
import { errorText } from '../../../api/apiProblem';
import { followLink } from './inAppLink';
import { loadCaseAssessments, type CaseAssessments } from './loadCaseAssessments';
import { PlanAssessmentCard } from './PlanAssessmentCard';
import './postProcedure.css';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; data: CaseAssessments };

/** The studies to open for an assessment: the planning ones, else any that is not post-procedure or follow-up. */
const planningStudies = (studies: readonly LinkedStudy[]): LinkedStudy[] => {
  const planning = studies.filter((s) => s.role === 'planning');
  return planning.length ? planning : studies.filter((s) => s.role !== 'post-procedure' && s.role !== 'follow-up');
};

/**
 * The case page's "Post-procedure assessment" section (issue 18), beside the follow-up: for each
 * plan of the case its latest accepted assessment of the cone-beam CT — registration, needles,
 * cement, fill and leaks — with its older versions, or how to make one. A failed read is named
 * here with a retry; the rest of the case page is unaffected.
 */
export function PostProcedureSection({ caseId, linkedStudies }: { caseId: string; linkedStudies: readonly LinkedStudy[] }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async (live: () => boolean = () => true) => {
    setState({ kind: 'loading' });
    try {
      const data = await loadCaseAssessments(caseId);
      if (live()) setState({ kind: 'loaded', data });
    } catch (e) {
      if (live()) setState({ kind: 'failed', message: `The post-procedure assessments could not be loaded: ${errorText(e)}` });
    }
  }, [caseId]);
  useEffect(() => {
    let live = true;
    void load(() => live);
    return () => {
      live = false;
    };
  }, [load]);

  return (
    <section id="section-post-procedure" className="case-section ppa-section" data-testid="post-procedure-section" data-state={state.kind}>
      <h3>Post-procedure assessment</h3>
      {state.kind === 'loading' && <div className="muted">Loading the post-procedure assessments…</div>}
      {state.kind === 'failed' && (
        <div className="error-text" data-testid="post-procedure-error">
          {state.message} <button type="button" className="small" onClick={() => void load()}>Retry</button>
        </div>
      )}
      {state.kind === 'loaded' && state.data.problems.map((p) => <div key={p} className="error-text" data-testid="post-procedure-problem">{p}</div>)}
      {state.kind === 'loaded' && state.data.groups.length === 0 && <Empty studies={planningStudies(linkedStudies)} />}
      {state.kind === 'loaded' && state.data.groups.map((g) => <PlanAssessmentCard key={g.planId} group={g} plan={state.data.plans.get(g.planId)} follow={followLink} />)}
    </section>
  );
}

function Empty({ studies }: { studies: readonly LinkedStudy[] }) {
  return (
    <div className="muted" data-testid="post-procedure-empty">
      No post-procedure assessment yet — open the plan, load the cone-beam CT and register.
      {studies.map((s) => {
        const path = `/studies/${s.studyInstanceUID}`;
        return (
          <a key={s.studyInstanceUID} className="ppa-empty-link" href={path} onClick={(e) => followLink(e, path)} data-testid="pp-open-plan" title="Open the planning study: the plan saved last on it opens">
            Open the plan{s.description ? ` (${s.description})` : ''}
          </a>
        );
      })}
    </div>
  );
}

import type { BoardItem, CaseDocument, PlanDocument } from '../../../records';
import { caseCardRows, numText } from './caseCard';
import { planKeyNumbers } from './planKeyNumbers';
import { failed, type Loaded } from './usePresenterData';
import { PostProcedureLines } from '../postProcedure/PostProcedureLines';

/**
 * The case's summary card (issue 14, "Presenting"): the case record's words (caseCard.ts) and,
 * when a plan is attached, its key numbers as stored on save. Sized to sit beside the images on
 * one 1920×1080 screen; every number carries its unit and unknowns read "—".
 */
export function SummaryCard({ item, caseDoc, plan, hideIdentifiers, index, count }: {
  item: BoardItem;
  caseDoc: Loaded<CaseDocument> | undefined;
  plan: Loaded<PlanDocument> | undefined;
  hideIdentifiers: boolean;
  index: number;
  count: number;
}) {
  if (!caseDoc) return <section className="present-card" data-testid="present-card"><div className="muted">Loading the case…</div></section>;
  if (failed(caseDoc)) return <section className="present-card" data-testid="present-card"><div className="error-text">The case could not be read: {caseDoc.error}</div></section>;
  const rows = caseCardRows(caseDoc, item, hideIdentifiers);
  return (
    <section className="present-card" data-testid="present-card" data-case-id={item.caseId}>
      <div className="present-card-head">
        <span className="present-card-no">{index + 1} / {count}</span>
        <h2 data-testid="present-case-title">{caseDoc.title || 'Untitled case'}</h2>
      </div>
      <dl className="present-rows">
        {rows.map((r) => (
          <div key={r.key} className={`present-row present-row-${r.key}`} data-testid={`card-${r.key}`}>
            <dt>{r.label}</dt>
            <dd>
              <span className="present-value">{r.value}</span>
              {r.detail && <span className="present-detail">{r.detail}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <PlanNumbers planId={item.preparation.planAttached} plan={plan} />
      <PostProcedureLines caseId={item.caseId} plan={plan && !failed(plan) ? plan : undefined} />
    </section>
  );
}

/** The attached plan's devices, coverage, minimum margin and closest structure, or why they are missing. */
function PlanNumbers({ planId, plan }: { planId: string | null; plan: Loaded<PlanDocument> | undefined }) {
  if (!planId) return <div className="present-plan muted" data-testid="card-plan">No plan attached.</div>;
  if (!plan) return <div className="present-plan muted" data-testid="card-plan">Loading the plan…</div>;
  if (failed(plan)) return <div className="present-plan error-text" data-testid="card-plan">The plan could not be read: {plan.error}</div>;
  const k = planKeyNumbers(plan);
  if ('error' in k) return <div className="present-plan error-text" data-testid="card-plan">{k.error}</div>;
  return (
    <div className="present-plan" data-testid="card-plan">
      <h3>Plan: {k.title || 'untitled'} <span className="muted">v{k.version} · {k.status}</span></h3>
      <div data-testid="plan-devices"><b>{k.needles}</b> {k.needles === 1 ? 'device' : 'devices'}{k.devices.length ? ': ' : ''}{k.devices.map((d) => `${d.count} × ${d.name}`).join(', ')}</div>
      {k.lesions.map((l) => (
        <div key={l.label} data-testid="plan-coverage">
          {l.label}: coverage <b>{numText(l.coveragePercent)} %</b>, min. margin <b>{l.marginCapped ? '≥ ' : ''}{numText(l.minMarginMm, 1)} mm</b>
        </div>
      ))}
      {!k.lesions.length && <div data-testid="plan-coverage">Coverage — %, min. margin — mm</div>}
      <div data-testid="plan-closest" className={k.closest?.warning ? 'present-warn' : ''}>
        Closest structure: {k.closest ? <><b>{k.closest.label}</b> {numText(k.closest.distanceMm, 1)} mm ({k.closest.needle}){k.closest.warning ? ' ⚠ within its safety distance' : ''}</> : '—'}
      </div>
      {k.notes.map((n) => <div key={n} className="muted small">{n}</div>)}
    </div>
  );
}

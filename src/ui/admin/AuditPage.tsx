import { useCallback, useEffect, useState } from 'react';
import { authApi, type AuditFilter, type AuditPage as Page, type AuditVerification } from '../../api/auth';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { outcomeLabel, pageCount, utcFromInput, utcTime } from './adminFormat';

const PAGE_SIZE = 50;

/** Known events, offered in the event filter (the server's list; any text may still be typed). */
const EVENTS = ['auth.login', 'auth.login-failed', 'auth.logout', 'case.read', 'case.create', 'case.update', 'plan.create', 'plan.update', 'plan.propose', 'plan.approve', 'study.accessed', 'export', 'security.forbidden', 'account.change', 'audit.read'];

interface Inputs {
  account: string;
  event: string;
  case: string;
  from: string;
  to: string;
}
const EMPTY: Inputs = { account: '', event: '', case: '', from: '', to: '' };

const filterOf = (i: Inputs, page: number): AuditFilter => ({
  account: i.account.trim(),
  event: i.event.trim(),
  case: i.case.trim(),
  from: utcFromInput(i.from),
  to: utcFromInput(i.to),
  page,
  pageSize: PAGE_SIZE,
});

/** The audit trail: filtered, paged, in UTC, and a check that its hash chain is unbroken. */
export function AuditPage() {
  const [inputs, setInputs] = useState<Inputs>(EMPTY);
  const [applied, setApplied] = useState<{ inputs: Inputs; page: number }>({ inputs: EMPTY, page: 1 });
  const [page, setPage] = useState<Page | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [verify, setVerify] = useState<{ busy: boolean; result?: AuditVerification; error?: string }>({ busy: false });

  useEffect(() => {
    let live = true;
    authApi.audit(filterOf(applied.inputs, applied.page)).then(
      (p) => {
        if (!live) return;
        setPage(p);
        setError(undefined);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [applied]);

  const runVerify = useCallback(() => {
    setVerify({ busy: true });
    authApi.verifyAudit().then(
      (result) => setVerify({ busy: false, result }),
      (e: unknown) => setVerify({ busy: false, error: errorText(e) }),
    );
  }, []);

  const field = (key: keyof Inputs, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={inputs[key]} list={key === 'event' ? 'audit-events' : undefined} onChange={(e) => setInputs({ ...inputs, [key]: e.target.value })} data-testid={`audit-${key}`} />
    </label>
  );
  const pages = page ? pageCount(page.total, page.pageSize) : 1;

  return (
    <div className="page">
      <TopBar title="Audit trail" />
      <div className="pad admin-page" data-testid="audit-page">
        <form
          className="pacs-search"
          onSubmit={(e) => {
            e.preventDefault();
            setApplied({ inputs, page: 1 });
          }}
        >
          {field('account', 'Account')}
          {field('event', 'Event')}
          <datalist id="audit-events">
            {EVENTS.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
          {field('case', 'Case id')}
          {field('from', 'From (UTC)', 'datetime-local')}
          {field('to', 'To (UTC)', 'datetime-local')}
          <button type="submit" className="primary" data-testid="audit-apply">
            Filter
          </button>
          <span className="spacer" />
          <button type="button" onClick={runVerify} disabled={verify.busy} data-testid="audit-verify">
            {verify.busy ? 'Verifying…' : 'Verify chain'}
          </button>
          {verify.result && (
            <span className={verify.result.ok ? 'ok-text' : 'error-text'} data-testid="audit-verify-result">
              {verify.result.ok
                ? `Chain intact: ${verify.result.checked} rows checked`
                : `Chain broken at row ${verify.result.firstBad ?? '?'} (${verify.result.checked} rows checked)`}
            </span>
          )}
          {verify.error && <span className="error-text">{verify.error}</span>}
        </form>
        {error && <div className="error-banner">Could not read the audit trail: {error}</div>}
        <table className="studies audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Time (UTC)</th>
              <th>Event</th>
              <th>DICOM code</th>
              <th>Account</th>
              <th>Outcome</th>
              <th>Case</th>
              <th>Plan</th>
              <th>Studies</th>
            </tr>
          </thead>
          <tbody>
            {page?.events.map((r) => (
              <tr key={r.seq} data-testid="audit-row" data-event={r.event}>
                <td className="num">{r.seq}</td>
                <td>{utcTime(r.at)}</td>
                <td>{r.event}</td>
                <td>{r.dicomCode ?? ''}</td>
                <td>
                  {r.account ?? ''} {r.roles?.length ? <span className="muted">({r.roles.join(', ')})</span> : null}
                </td>
                <td className={r.outcome === 0 ? '' : 'error-text'}>{outcomeLabel(r.outcome)}</td>
                <td className="mono">{r.caseId ?? ''}</td>
                <td className="mono">{r.planId ? `${r.planId}${r.planVersion != null ? ` v${r.planVersion}` : ''}` : ''}</td>
                <td className="mono">{r.studyUids?.join(', ') ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && (
          <div className="row pager">
            <button disabled={applied.page <= 1} onClick={() => setApplied({ ...applied, page: applied.page - 1 })}>
              Previous
            </button>
            <span className="muted" data-testid="audit-pages">
              Page {applied.page} of {pages} · {page.total} events
            </span>
            <button disabled={applied.page >= pages} onClick={() => setApplied({ ...applied, page: applied.page + 1 })}>
              Next
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

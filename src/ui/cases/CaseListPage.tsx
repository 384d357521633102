import { useEffect, useState } from 'react';
import { CASE_STATUSES, PROCEDURES, TUMOUR_TYPES, type CaseContent } from '../../records';
import { CASE_PAGE_SIZE, casesApi, type CaseList, type CaseSummary, type UnreadableRow } from '../../api/cases';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate } from '../useNavigation';
import { usePreferences } from '../preferences';
import { NewCaseDialog } from './NewCaseDialog';
import { casePageLabel, previousOffset } from './casePaging';
import './caseForm.css';
import './casePager.css';

/** The multidisciplinary team's cases, filterable by status, procedure and tumour type, a page at a time. */
export function CaseListPage() {
  const [filter, setFilter] = useState<{ status?: string; procedure?: string; tumourType?: string }>({});
  const [cases, setCases] = useState<CaseSummary[] | undefined>();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Pick<CaseList, 'total' | 'next'>>({});
  const [unreadable, setUnreadable] = useState<UnreadableRow[]>([]);
  const [error, setError] = useState<string | undefined>();
  const { hideIdentifiers } = usePreferences();
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    // Only the page shown is asked for: the server reads and sends CASE_PAGE_SIZE summaries, not every case.
    let current = true;
    casesApi.list({ ...filter, limit: CASE_PAGE_SIZE, offset }).then(
      (l) => {
        if (!current) return;
        setCases(l.cases);
        setUnreadable(l.problems);
        setPage({ total: l.total, next: l.next });
        setError(undefined);
      },
      (e: unknown) => current && setError(`The cases could not be listed: ${errorText(e)}`),
    );
    return () => {
      current = false;
    };
  }, [filter, offset]);

  const previous = previousOffset(offset, CASE_PAGE_SIZE);
  const next = page.next ?? null;
  const pager = cases && (previous !== null || next !== null || (page.total ?? 0) > 0) && (
    <div className="case-pager" data-testid="case-pager">
      <button disabled={previous === null} onClick={() => previous !== null && setOffset(previous)} aria-label="Previous page of cases">
        Previous
      </button>
      <span className="muted" data-testid="case-page" aria-live="polite">
        {casePageLabel({ offset, shown: cases.length, total: page.total, next })}
      </span>
      <button disabled={next === null} onClick={() => next !== null && setOffset(next)} aria-label="Next page of cases">
        Next
      </button>
    </div>
  );

  const select = (k: keyof typeof filter, options: Record<string, string>, label: string) => (
    <label className="filter-select">
      {label}
      <select
        value={filter[k] ?? ''}
        onChange={(e) => {
          setFilter({ ...filter, [k]: e.target.value || undefined });
          setOffset(0); // a new filter starts from its first page
        }}
        data-filter={k}
      >
        <option value="">All</option>
        {Object.entries(options).map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </label>
  );

  // Only the dialog's Create saves: a case is never created half-filled behind the user's back.
  const createCase = async (input: Partial<CaseContent>): Promise<string | undefined> => {
    try {
      const r = await casesApi.create(input);
      if (r.ok) {
        navigate(`/cases/${r.document.id}`);
        return undefined;
      }
      return `No case created: ${r.problem.error}`;
    } catch (e) {
      return `No case created: ${errorText(e)}`;
    }
  };

  return (
    <div className="page">
      <TopBar title="Cases" />
      <main className="worklist">
        <div className="worklist-tools">
          {select('status', CASE_STATUSES, 'Status')}
          {select('procedure', PROCEDURES, 'Procedure')}
          {select('tumourType', TUMOUR_TYPES, 'Tumour')}
          <span className="spacer" />
          <button className="primary" onClick={() => setAsking(true)} data-testid="new-case">New case</button>
        </div>
        {asking && <NewCaseDialog onCreate={createCase} onCancel={() => setAsking(false)} />}
        {error && <div className="error-banner">{error}</div>}
        {!cases && !error && <div className="muted">Loading cases…</div>}
        {unreadable.length > 0 && (
          <div className="error-banner" data-testid="unreadable-cases">
            {unreadable.length === 1 ? 'One stored record' : `${unreadable.length} stored records`} could not be read and {unreadable.length === 1 ? 'is' : 'are'} left as stored:
            <ul>
              {unreadable.map((r) => (
                <li key={`${r.kind}-${r.id}`}>
                  {r.kind} <code>{r.id}</code>: {r.error}
                </li>
              ))}
            </ul>
          </div>
        )}
        {pager}
        {cases && (
          <table className="studies" data-testid="case-list">
            <thead>
              <tr>
                <th>Patient</th><th>Title</th><th>Status</th><th>Tumour</th><th>Procedures</th><th className="num">Pain (WB)</th><th className="num">Lesions</th><th className="num">Plans</th><th>Follow-up</th><th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr
                  key={c.id}
                  data-case-id={c.id}
                  onClick={() => navigate(`/cases/${c.id}`)}
                  onKeyDown={(e) => e.key === 'Enter' && navigate(`/cases/${c.id}`)}
                  tabIndex={0}
                  className="clickable"
                >
                  <td className="phi">{hideIdentifiers && !c.patient.pseudonymous ? 'Hidden' : c.patient.pseudonym} <span className="muted">{c.patient.sex?.[0]?.toUpperCase()} {c.patient.ageYears ?? ''}</span></td>
                  <td>{c.title}</td>
                  <td>{CASE_STATUSES[c.status as keyof typeof CASE_STATUSES] ?? c.status}</td>
                  <td>{c.tumour.primary ? (TUMOUR_TYPES[c.tumour.primary as keyof typeof TUMOUR_TYPES] ?? c.tumour.primary) : '—'}</td>
                  <td>{c.decision.procedures.map((p) => PROCEDURES[p as keyof typeof PROCEDURES] ?? p).join(', ') || '—'}</td>
                  <td className="num">{c.painOnWeightBearing ?? '—'}{c.painOnWeightBearing !== null ? '/10' : ''}</td>
                  <td className="num">{c.lesionCount}</td>
                  <td className="num">{c.plans.filter((p) => !p.archivedAt).length}</td>
                  <td>{c.lastFollowUpDate ?? '—'}</td>
                  <td>{c.updatedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}

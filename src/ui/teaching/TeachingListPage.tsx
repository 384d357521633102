import { useEffect, useRef, useState } from 'react';
import type { TeachingLevel, TeachingListEntry, TeachingStatus } from '../../records';
import { teachingApi } from '../../api/teaching';
import { ApiError, errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate } from '../useNavigation';
import { useRoles } from '../auth/authStore';
import { visibleActions } from '../auth/roleActions';
import { utcTime } from '../admin/adminFormat';
import { LEVELS, levelLabel } from './TeachingFieldsForm';
import { StatusChip } from './StatusChip';
import { WorkProgress } from './WorkProgress';
import { filterTeachingList, type TeachingListFilter } from './teachingText';

/**
 * The teaching cases: every one (drafts and hidden ones too) for an attending, the published
 * ones for a trainee, filtered by status, level and tag text; an attending imports a teaching
 * case exported by another PercuPlan (.zip).
 */
export function TeachingListPage() {
  const [rows, setRows] = useState<TeachingListEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [filter, setFilter] = useState<TeachingListFilter>({ status: 'all', level: 'all', text: '' });
  const [importing, setImporting] = useState<string | undefined>();
  const [importError, setImportError] = useState<string | undefined>();
  const fileRef = useRef<HTMLInputElement>(null);
  const { manageTeaching } = visibleActions(useRoles());

  useEffect(() => {
    teachingApi.list().then(setRows, (e: unknown) => setError(`The teaching cases could not be listed: ${errorText(e)}`));
  }, []);

  const importZip = async (file: File): Promise<void> => {
    setImportError(undefined);
    setImporting(`Importing ${file.name} (${(file.size / 1_048_576).toFixed(1)} MB)`);
    try {
      const made = await teachingApi.import(file);
      navigate(`/teaching/${made.id}`);
    } catch (e) {
      setImportError(`${file.name} was not imported: ${e instanceof ApiError && e.problem ? e.problem.error : errorText(e)}`);
      setImporting(undefined);
    }
  };

  const shown = rows ? filterTeachingList(rows, filter) : [];
  return (
    <div className="page">
      <TopBar title="Teaching cases" />
      <main className="worklist teach-list">
        <div className="worklist-tools">
          {manageTeaching && (
            <label className="filter-select">
              Status
              <select data-testid="teach-filter-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as TeachingStatus | 'all' })}>
                <option value="all">All</option>
                <option value="draft">Draft</option>
                <option value="published">Published</option>
                <option value="hidden">Hidden</option>
              </select>
            </label>
          )}
          <label className="filter-select">
            Level
            <select data-testid="teach-filter-level" value={filter.level} onChange={(e) => setFilter({ ...filter, level: e.target.value as TeachingLevel | 'all' })}>
              <option value="all">All</option>
              {LEVELS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </select>
          </label>
          <input type="search" className="filter" placeholder="Filter by tag, title or presentation" data-testid="teach-filter-text" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
          <span className="spacer" />
          {manageTeaching && (
            <>
              <input ref={fileRef} type="file" accept=".zip,application/zip" hidden data-testid="teach-import-file" onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importZip(f);
              }} />
              <button disabled={!!importing} data-testid="teach-import" onClick={() => fileRef.current?.click()} title="A zip exported by “Download teaching file” here or on another PercuPlan">
                Import teaching case (.zip)
              </button>
            </>
          )}
        </div>
        {importing && <WorkProgress label={importing} testId="teach-import-progress" />}
        {importError && <div className="error-banner" data-testid="teach-import-error">{importError}</div>}
        {error && <div className="error-banner">{error}</div>}
        {!rows && !error && <div className="muted">Loading teaching cases…</div>}
        {rows && (
          <table className="studies teach-table" data-testid="teach-list">
            <thead>
              <tr>
                <th>Title</th><th>Level</th><th>Status</th><th>Tags</th><th className="num">Files</th><th className="num">Plans</th><th className="num">Exercises</th><th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} className="clickable" data-teaching-id={r.id} onClick={() => navigate(`/teaching/${r.id}`)}>
                  <td>
                    <a href={`/teaching/${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/teaching/${r.id}`); }}>{r.title || 'Untitled teaching case'}</a>
                    {r.presentation && <div className="muted small-text">{r.presentation}</div>}
                  </td>
                  <td>{levelLabel(r.level)}</td>
                  <td><StatusChip status={r.status} /></td>
                  <td>{r.tags.map((t) => <span key={t} className="teach-tag">{t}</span>)}</td>
                  <td className="num">{r.files}</td>
                  <td className="num">{r.plans}</td>
                  <td className="num">{r.exercises}</td>
                  <td className="mono small-text">{utcTime(r.updatedAt)}</td>
                </tr>
              ))}
              {!shown.length && (
                <tr><td colSpan={8} className="muted">{rows.length ? 'No teaching case matches the filter.' : manageTeaching ? 'No teaching case yet: open a case and use “Make teaching case”, or import one.' : 'No teaching case is published yet.'}</td></tr>
              )}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}

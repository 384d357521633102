import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { StudyListing } from '../dicom/studyListing';
import { api } from '../api/client';
import { navigate } from './useNavigation';
import { usePreferences } from './preferences';
import { formatAge, formatDicomDate, formatPersonName } from './format';
import { TopBar } from './TopBar';
import { ImportPanel } from './ImportPanel';
import { PacsSearch } from './PacsSearch';
import { casesApi, type CaseSummary } from '../api/cases';
import { localStudies } from '../imaging';
import { errorText } from '../api/apiProblem';
import { describeUnreadable } from '../api/responseSchemas';

const SOURCE_LABEL = { embedded: 'Sample', local: 'Local', dicomweb: 'PACS' } as const;

const matches = (s: StudyListing, q: string, hide: boolean): boolean => {
  if (!q) return true;
  const hay = [
    hide ? '' : s.patientName,
    hide ? '' : s.patientID,
    s.studyDescription,
    s.modalities.join(' '),
    s.bodyPartExamined,
    s.studyDate,
    ...s.series.map((x) => x.seriesDescription),
  ]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => hay.includes(w));
};

/** The home page: every study the embedded source offers, filterable, one click to open. */
export function WorklistPage() {
  const [studies, setStudies] = useState<StudyListing[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const { hideIdentifiers } = usePreferences();
  const local = useSyncExternalStore(localStudies.subscribe, localStudies.list);
  const [pacs, setPacs] = useState<StudyListing[]>([]);
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [casesError, setCasesError] = useState<string | undefined>();
  useEffect(() => {
    casesApi.list().then(
      (l) => {
        setCases(l.cases);
        if (l.problems.length) setCasesError(`some stored cases could not be read (${describeUnreadable(l.problems)})`);
      },
      (e: unknown) => setCasesError(errorText(e)),
    );
  }, []);
  const casesByStudy = useMemo(() => {
    const m = new Map<string, CaseSummary[]>();
    for (const c of cases) for (const uid of c.studyInstanceUIDs) m.set(uid, [...(m.get(uid) ?? []), c]);
    return m;
  }, [cases]);

  useEffect(() => {
    api.studies().then(setStudies, (e: unknown) => setError(errorText(e)));
  }, []);
  // Why the sample studies may be missing: the server says when their folder could not be read.
  const [sourceProblem, setSourceProblem] = useState<string | undefined>();
  useEffect(() => {
    // A configuration that cannot be read is reported by the PACS search, which needs it too.
    api.config().then(
      (c) => setSourceProblem(c.embedded?.problem ?? undefined),
      () => undefined,
    );
  }, []);

  const all = useMemo(() => {
    const seen = new Set<string>();
    return [...local, ...(studies ?? []), ...pacs].filter((s) => !seen.has(s.studyInstanceUID) && seen.add(s.studyInstanceUID));
  }, [local, studies, pacs]);
  const shown = useMemo(() => all.filter((s) => matches(s, query.trim(), hideIdentifiers)), [all, query, hideIdentifiers]);

  return (
    <div className="page">
      <TopBar title="Worklist" />
      <main className="worklist">
        <div className="worklist-tools">
          <input
            className="filter"
            type="search"
            placeholder="Filter: patient, description, modality, date…"
            aria-label="Filter studies"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoFocus
          />
          <span className="muted">{studies ? `${shown.length} of ${all.length} studies` : ''}</span>
        </div>
        <ImportPanel />
        <PacsSearch onResults={setPacs} />
        {error && (
          <div className="error-banner" data-testid="studies-error">
            Could not load the study list: {error}
          </div>
        )}
        {sourceProblem && (
          <div className="error-banner" data-testid="source-error">
            Sample studies: {sourceProblem}
          </div>
        )}
        {casesError && (
          <div className="warning-banner" data-testid="cases-error">
            Cases: {casesError}
          </div>
        )}
        {!studies && !error && <div className="muted">Loading studies…</div>}
        {(studies || local.length > 0) && (
          <table className="studies" data-testid="worklist">
            <thead>
              <tr>
                <th>Patient</th>
                <th>ID</th>
                <th>Sex / age</th>
                <th>Date</th>
                <th>Description</th>
                <th>Modalities</th>
                <th>Source</th>
                <th>Case / plans</th>
                <th className="num">Series</th>
                <th className="num">Images</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.studyInstanceUID} data-study-uid={s.studyInstanceUID} onDoubleClick={() => navigate(`/studies/${s.studyInstanceUID}`)}>
                  <td className="phi">{hideIdentifiers ? 'Hidden' : formatPersonName(s.patientName)}</td>
                  <td className="phi">{hideIdentifiers ? '—' : (s.patientID ?? '—')}</td>
                  <td>
                    {s.patientSex ?? '?'} / {formatAge(s.patientAge)}
                  </td>
                  <td>{formatDicomDate(s.studyDate)}</td>
                  <td>{s.studyDescription ?? '—'}</td>
                  <td>{s.modalities.join(', ')}</td>
                  <td>
                    <span className={`badge ${s.source}`}>{SOURCE_LABEL[s.source]}</span>
                  </td>
                  <td>
                    {(casesByStudy.get(s.studyInstanceUID) ?? []).map((c) => (
                      <a
                        key={c.id}
                        className="badge case"
                        href={`/cases/${c.id}`}
                        data-testid="case-badge"
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/cases/${c.id}`);
                        }}
                        title={c.title}
                      >
                        Case{c.plans.length > 0 ? ` · ${c.plans.length} plan${c.plans.length > 1 ? 's' : ''}` : ''}
                      </a>
                    ))}
                  </td>
                  <td className="num">{s.series.length || (s.source === 'dicomweb' ? '—' : 0)}</td>
                  <td className="num">{s.imageCount}</td>
                  <td>
                    <button className="primary" onClick={() => navigate(`/studies/${s.studyInstanceUID}`)}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}

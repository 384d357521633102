import { useEffect, useState, type FormEvent } from 'react';
import { api, type PacsPage, type PacsQuery } from '../api/client';
import { errorText } from '../api/apiProblem';
import type { StudyListing } from '../dicom/studyListing';

const PAGE = 25;

/** DICOM date range from two HTML date inputs (YYYY-MM-DD → YYYYMMDD). */
const dicomDate = (d: string): string => d.replace(/-/g, '');

/**
 * Searches the configured PACS (through the server's proxy) by patient, date, modality or
 * accession, one page at a time; shown only when DICOMWEB_URL is configured.
 */
export function PacsSearch({ onResults }: { onResults: (studies: StudyListing[]) => void }) {
  const [enabled, setEnabled] = useState<{ label?: string } | undefined>();
  const [q, setQ] = useState<PacsQuery>({});
  const [page, setPage] = useState<PacsPage | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [configError, setConfigError] = useState<string | undefined>();

  useEffect(() => {
    api.config().then(
      (c) => setEnabled(c.dicomweb.enabled ? { label: c.dicomweb.label } : undefined),
      (e: unknown) => setConfigError(errorText(e)),
    );
  }, []);

  if (configError) return <div className="warning-banner" data-testid="pacs-config-error">PACS search unavailable: the server configuration could not be read ({configError})</div>;
  if (!enabled) return null;

  const search = async (offset: number): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.searchPacs({ ...q, dateFrom: q.dateFrom && dicomDate(q.dateFrom), dateTo: q.dateTo && dicomDate(q.dateTo), offset, limit: PAGE });
      setPage(r);
      onResults(r.studies);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void search(0);
  };
  const field = (k: keyof PacsQuery, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={(q[k] as string | undefined) ?? ''} onChange={(e) => setQ({ ...q, [k]: e.target.value })} data-pacs-field={k} />
    </label>
  );

  return (
    <form className="pacs-search" onSubmit={submit} data-testid="pacs-search">
      <strong>{enabled.label ?? 'PACS'}</strong>
      {field('patientName', 'Name')}
      {field('patientId', 'Patient ID')}
      {field('dateFrom', 'From', 'date')}
      {field('dateTo', 'To', 'date')}
      {field('modality', 'Modality')}
      {field('accession', 'Accession')}
      <button className="primary" type="submit" disabled={busy}>
        {busy ? 'Searching…' : 'Search'}
      </button>
      {page && (
        <span className="muted">
          {page.studies.length === 0 ? 'No studies' : `Studies ${page.offset + 1}–${page.offset + page.studies.length}`}
          <button type="button" className="small" disabled={busy || page.offset === 0} onClick={() => void search(Math.max(0, page.offset - PAGE))}>
            ‹ Prev
          </button>
          <button type="button" className="small" disabled={busy || !page.more} onClick={() => void search(page.offset + PAGE)}>
            Next ›
          </button>
        </span>
      )}
      {error && <span className="error-text">{error}</span>}
    </form>
  );
}

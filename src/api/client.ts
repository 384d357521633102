import type { SeriesInstances, StudyListing } from '../dicom/studyListing';

/** An API answer that was not 2xx, with the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${path}: HTTP ${res.status}`);
  return body as T;
}

/** What the server tells the browser about its configuration (nothing secret). */
export interface ClientConfig {
  dicomweb: { enabled: boolean; label?: string };
}

/** Criteria of a PACS study search; empty fields are not sent. */
export interface PacsQuery {
  patientName?: string;
  patientId?: string;
  dateFrom?: string;
  dateTo?: string;
  modality?: string;
  accession?: string;
  offset?: number;
  limit?: number;
}

/** One page of PACS search results. */
export interface PacsPage {
  studies: StudyListing[];
  offset: number;
  limit: number;
  more: boolean;
}

const queryString = (q: PacsQuery): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

/** Typed client of the PercuPlan server's REST API. */
export const api = {
  health: () => getJson<{ status: string; version: string }>('/api/health'),
  studies: () => getJson<StudyListing[]>('/api/studies'),
  config: () => getJson<ClientConfig>('/api/config'),
  searchPacs: (q: PacsQuery) => getJson<PacsPage>(`/api/pacs/studies?${queryString(q)}`),
  study: (uid: string) => getJson<StudyListing>(`/api/studies/${encodeURIComponent(uid)}`),
  seriesInstances: (study: string, series: string) =>
    getJson<SeriesInstances>(`/api/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}/instances`),
};

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

/** Typed client of the PercuPlan server's REST API. */
export const api = {
  health: () => getJson<{ status: string; version: string }>('/api/health'),
  studies: () => getJson<StudyListing[]>('/api/studies'),
  study: (uid: string) => getJson<StudyListing>(`/api/studies/${encodeURIComponent(uid)}`),
  seriesInstances: (study: string, series: string) =>
    getJson<SeriesInstances>(`/api/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}/instances`),
};

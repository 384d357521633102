import { z } from 'zod';
import type { StudyListing } from '../dicom/studyListing';
import { fetchParsed } from './apiProblem';
import { seriesInstancesSchema, studyListingSchema } from './responseSchemas';

export { ApiError } from './apiProblem';

/** What the server tells the browser about its configuration (nothing secret). */
export interface ClientConfig {
  dicomweb: { enabled: boolean; label?: string };
  /** The embedded sample source: its folder, and why it could not be read (null when it was; absent from older servers). */
  embedded?: { folder: string; problem: string | null };
  /** How people sign in (absent from servers before accounts: single-user). */
  auth?: { mode: 'single-user' | 'accounts'; oidc: boolean };
}

const clientConfigSchema = z.object({
  dicomweb: z.object({ enabled: z.boolean(), label: z.string().optional() }),
  embedded: z.object({ folder: z.string(), problem: z.string().nullable() }).optional(),
  auth: z.object({ mode: z.enum(['single-user', 'accounts']), oidc: z.boolean() }).optional(),
}) satisfies z.ZodType<ClientConfig>;

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

const pacsPageSchema = z.object({ studies: z.array(studyListingSchema), offset: z.number(), limit: z.number(), more: z.boolean() }) satisfies z.ZodType<PacsPage>;

const queryString = (q: PacsQuery): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

const get = <S extends z.ZodType>(endpoint: string, url: string, schema: S) => fetchParsed(`GET ${endpoint}`, url, schema, { headers: { accept: 'application/json' } });

/** Typed client of the PercuPlan server's REST API; every answer is checked against its schema. */
export const api = {
  health: () => get('/api/health', '/api/health', z.object({ status: z.string(), version: z.string() })),
  studies: () => get('/api/studies', '/api/studies', z.array(studyListingSchema)),
  config: () => get('/api/config', '/api/config', clientConfigSchema),
  searchPacs: (q: PacsQuery) => get('/api/pacs/studies', `/api/pacs/studies?${queryString(q)}`, pacsPageSchema),
  study: (uid: string) => get('/api/studies/:uid', `/api/studies/${encodeURIComponent(uid)}`, studyListingSchema),
  seriesInstances: (study: string, series: string) =>
    get('/api/studies/:uid/series/:uid/instances', `/api/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}/instances`, seriesInstancesSchema),
};

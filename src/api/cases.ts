import { z } from 'zod';
import { caseDocumentSchema, type CaseContent, type CaseDocument, type CaseSummary, type HistoryEntry } from '../records';
import { fetchParsed } from './apiProblem';
import { caseSummarySchema, historyEntrySchema, listProblemsSchema, type UnreadableRow } from './responseSchemas';
import { sendDocument, type SaveOutcome } from './saveOutcome';

export type { CaseSummary, HistoryEntry };
export type { ApiProblem } from './apiProblem';
export type { UnreadableRow };

/** The outcome of a case create or save. */
export type CaseSaveOutcome = SaveOutcome<CaseDocument>;

// total/limit/offset/next came with paging (issue 17): optional, so an older server still answers.
const caseListSchema = z.object({
  cases: z.array(caseSummarySchema),
  problems: listProblemsSchema,
  total: z.number().int().min(0).optional(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  next: z.number().int().nullable().optional(),
});

/** The cases that restore, and the stored rows that do not (named, with why); one page of them. */
export interface CaseList {
  cases: CaseSummary[];
  problems: UnreadableRow[];
  /** How many cases match in all pages (absent from a server before paging). */
  total?: number;
  /** The offset of the next page; null or absent on the last. */
  next?: number | null;
}

/** The case list's filters, and the page asked for (the server's default page is 200 from 0). */
export interface CaseListQuery {
  status?: string;
  procedure?: string;
  tumourType?: string;
  study?: string;
  limit?: number;
  offset?: number;
}
/** How many cases the case list page asks for at a time (the first page is what a user waits for). */
export const CASE_PAGE_SIZE = 50;

const historySchema = z.object({ entries: z.array(historyEntrySchema) });
const json = { 'content-type': 'application/json' };
const caseUrl = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

/** Typed client of the case-record API; every answer is checked against the shared schemas. */
export const casesApi = {
  async list(filter: CaseListQuery = {}): Promise<CaseList> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
    return fetchParsed('GET /api/cases', `/api/cases?${q}`, caseListSchema);
  },
  get: (id: string): Promise<CaseDocument> => fetchParsed('GET /api/cases/:id', caseUrl(id), caseDocumentSchema),
  create: (content: Partial<CaseContent>): Promise<CaseSaveOutcome> =>
    sendDocument('POST /api/cases', '/api/cases', { method: 'POST', headers: json, body: JSON.stringify(content) }, caseDocumentSchema),
  /** Saves on top of `baseVersion`; a 409 carries the current document, never merged. */
  save: (id: string, content: CaseContent, baseVersion: number): Promise<CaseSaveOutcome> =>
    sendDocument('PUT /api/cases/:id', caseUrl(id), { method: 'PUT', headers: { ...json, 'if-match': `"${baseVersion}"` }, body: JSON.stringify(content) }, caseDocumentSchema),
  async history(id: string): Promise<HistoryEntry[]> {
    return (await fetchParsed('GET /api/cases/:id/history', `${caseUrl(id)}/history`, historySchema)).entries;
  },
};

import { z } from 'zod';
import { boardDocumentSchema, type BoardContent, type BoardCreateInput, type BoardDocument, type BoardHistoryEntry, type BoardSummary } from '../records';
import { fetchParsed } from './apiProblem';
import { sendDocument, type SaveOutcome } from './saveOutcome';

export type { BoardSummary, BoardHistoryEntry };

/** The outcome of a meeting's create or save. */
export type BoardSaveOutcome = SaveOutcome<BoardDocument>;

const summarySchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  date: z.string(),
  status: z.enum(['open', 'closed']),
  cases: z.number(),
  ready: z.number(),
  updatedAt: z.string(),
}) satisfies z.ZodType<BoardSummary>;
const listSchema = z.object({ boards: z.array(summarySchema), total: z.number(), limit: z.number(), offset: z.number() });
const historySchema = z.object({
  entries: z.array(z.object({ version: z.number(), action: z.enum(['create', 'update', 'close', 'carry-over']), at: z.string(), by: z.string(), changes: z.object({ paths: z.array(z.string()), truncated: z.boolean() }) })),
});
const closeSchema = z.object({ board: boardDocumentSchema, next: z.object({ id: z.string(), date: z.string(), version: z.number() }).nullable(), moved: z.array(z.string()) });
const json = { 'content-type': 'application/json' };
const boardUrl = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

/** Typed client of the tumour board API; every answer is checked against the shared schemas. */
export const boardsApi = {
  /** Meetings newest first (past and coming), `limit` per page. */
  list: (page: { limit?: number; offset?: number } = {}): Promise<z.output<typeof listSchema>> =>
    fetchParsed('GET /api/boards', `/api/boards?limit=${page.limit ?? 50}&offset=${page.offset ?? 0}`, listSchema),
  get: (id: string): Promise<BoardDocument> => fetchParsed('GET /api/boards/:id', boardUrl(id), boardDocumentSchema),
  create: (input: BoardCreateInput): Promise<BoardSaveOutcome> =>
    sendDocument('POST /api/boards', '/api/boards', { method: 'POST', headers: json, body: JSON.stringify(input) }, boardDocumentSchema),
  /** Saves on top of `baseVersion`; a 409 carries the current meeting, never merged. */
  save: (id: string, content: BoardContent, baseVersion: number): Promise<BoardSaveOutcome> =>
    sendDocument('PUT /api/boards/:id', boardUrl(id), { method: 'PUT', headers: { ...json, 'if-match': `"${baseVersion}"` }, body: JSON.stringify(content) }, boardDocumentSchema),
  /** Closes the meeting: cases not discussed move to the next meeting of the same board. */
  close: (id: string, baseVersion: number): Promise<z.output<typeof closeSchema>> =>
    fetchParsed('POST /api/boards/:id/close', `${boardUrl(id)}/close`, closeSchema, { method: 'POST', headers: json, body: JSON.stringify({ version: baseVersion }) }),
  async history(id: string): Promise<BoardHistoryEntry[]> {
    return (await fetchParsed('GET /api/boards/:id/history', `${boardUrl(id)}/history`, historySchema)).entries;
  },
};

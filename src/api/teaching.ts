import { z } from 'zod';
import {
  teachingCaseSchema,
  teachingListEntrySchema,
  teachingPacsAnswerSchema,
  teachingPreviewSchema,
  type TeachingCase,
  type TeachingCreateInput,
  type TeachingListEntry,
  type TeachingPacsAnswer,
  type TeachingPatch,
  type TeachingPreview,
} from '../records';
import { ApiError, fetchParsed, readProblem, request } from './apiProblem';
import { attachmentName } from './plans';

export type { TeachingCase, TeachingListEntry, TeachingPacsAnswer, TeachingPreview };

const json = { 'content-type': 'application/json' };
const caseUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/teaching`;
const teachingUrl = (id: string) => `/api/teaching/${encodeURIComponent(id)}`;
const listSchema = z.object({ teachingCases: z.array(teachingListEntrySchema) });

/**
 * Typed client of the teaching API (issue 15): de-identified teaching cases made from a case,
 * their preview, fields and status, export as a zip that another PercuPlan imports, and sending
 * to the teaching PACS with a TCE001 manifest.
 */
export const teachingApi = {
  /** What de-identification would remove or change, file by file, and what it refuses; nothing is written. */
  preview: (caseId: string, input: TeachingCreateInput): Promise<TeachingPreview> =>
    fetchParsed('POST /api/cases/:id/teaching/preview', `${caseUrl(caseId)}/preview`, teachingPreviewSchema, { method: 'POST', headers: json, body: JSON.stringify(input) }),
  /** Makes the teaching case (201); may take a while for a big series (the server de-identifies every file). */
  create: (caseId: string, input: TeachingCreateInput): Promise<TeachingCase> =>
    fetchParsed('POST /api/cases/:id/teaching', caseUrl(caseId), teachingCaseSchema, { method: 'POST', headers: json, body: JSON.stringify(input) }),
  /** Teaching cases: all for `teaching.manage`, published ones for everybody else, newest first. */
  async list(): Promise<TeachingListEntry[]> {
    return (await fetchParsed('GET /api/teaching', '/api/teaching', listSchema)).teachingCases;
  },
  get: (id: string): Promise<TeachingCase> => fetchParsed('GET /api/teaching/:id', teachingUrl(id), teachingCaseSchema),
  /** Changes fields or status; a stale `version` is a 409 ApiError whose problem carries `current`. */
  patch: (id: string, patch: TeachingPatch): Promise<TeachingCase> =>
    fetchParsed('PATCH /api/teaching/:id', teachingUrl(id), teachingCaseSchema, { method: 'PATCH', headers: json, body: JSON.stringify(patch) }),
  /** The zip of the de-identified DICOM plus the case as JSON (`teaching-case.json`). */
  async exportZip(id: string): Promise<{ blob: Blob; fileName: string }> {
    const endpoint = 'GET /api/teaching/:id/export';
    const res = await request(endpoint, `${teachingUrl(id)}/export`, { headers: { accept: 'application/zip, application/json' } });
    if (!res.ok) {
      const problem = await readProblem(res);
      throw new ApiError(endpoint, res.status, problem.error, problem);
    }
    return { blob: await res.blob(), fileName: attachmentName(res.headers.get('content-disposition')) ?? `PercuPlan-teaching-${id.slice(0, 8)}.zip` };
  },
  /** Imports a zip made by `exportZip` (here or on another PercuPlan) whole, as a new draft teaching case. */
  import: (zip: Blob): Promise<TeachingCase> =>
    fetchParsed('POST /api/teaching/import', '/api/teaching/import', teachingCaseSchema, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: zip }),
  /** Sends the de-identified files and a KOS "For Teaching File Export" manifest to TEACHING_DICOMWEB_URL; 207 answers carry the same body. */
  sendToTeachingPacs: (id: string): Promise<TeachingPacsAnswer> =>
    fetchParsed('POST /api/teaching/:id/pacs', `${teachingUrl(id)}/pacs`, teachingPacsAnswerSchema, { method: 'POST', headers: { accept: 'application/json' } }),
};

import { z } from 'zod';
import { planDocumentSchema, type PlanContent, type PlanDocument } from '../records';
import { ApiError, fetchParsed, readProblem, request } from './apiProblem';
import { sendDocument, type SaveOutcome } from './saveOutcome';
import { listProblemsSchema, type UnreadableRow } from './responseSchemas';

/**
 * The outcome of a plan create or save: the stored plan with this save's notes (why its HU-based
 * metrics were not computed; empty when they were, or nothing needed the CT), or the server's
 * reasons (a 409 carries the current plan).
 */
export type PlanSaveOutcome = { ok: true; document: PlanDocument; notes: string[] } | Extract<SaveOutcome<PlanDocument>, { ok: false }>;

/**
 * The header in which the server says why a create or save could not use the plan's CT (the PACS
 * unreachable, a series its reader cannot read): percent-encoded JSON, an array of sentences.
 * Not in the body, which stays the document saved back: the notes describe the save, not the plan.
 */
export const SAVE_NOTES_HEADER = 'x-percuplan-save-notes';

const saveNotesSchema = z.array(z.string());

/**
 * The notes of a save answer's {@link SAVE_NOTES_HEADER}: none when it is absent (an older
 * server, or nothing to say). A header that does not decode is named as one note rather than
 * dropped: the user would otherwise see blank metrics with no reason at all.
 */
export function saveNotesOf(header: string | null): string[] {
  if (header === null || header === '') return [];
  try {
    const parsed = saveNotesSchema.safeParse(JSON.parse(decodeURIComponent(header)));
    if (parsed.success) return parsed.data;
  } catch {
    // Not percent-encoded JSON: named below.
  }
  return ['the server said why, in a form this page cannot read'];
}

/** A create or save answer with the notes of its header. */
async function withNotes(outcome: Promise<SaveOutcome<PlanDocument>>): Promise<PlanSaveOutcome> {
  const r = await outcome;
  return r.ok ? { ok: true, document: r.document, notes: saveNotesOf(r.headers?.get(SAVE_NOTES_HEADER) ?? null) } : r;
}

const planListSchema = z.object({ plans: z.array(planDocumentSchema), problems: listProblemsSchema });

/** A case's plans that restore, and the stored plans that do not (named, with why). */
export interface PlanList {
  plans: PlanDocument[];
  problems: UnreadableRow[];
}
const json = { 'content-type': 'application/json' };

/** Typed client of the plan API: plans belong to a case and are saved on a base version. */
export const plansApi = {
  list: (caseId: string): Promise<PlanList> => fetchParsed('GET /api/cases/:id/plans', `/api/cases/${encodeURIComponent(caseId)}/plans?include=content`, planListSchema),
  get: (id: string): Promise<PlanDocument> => fetchParsed('GET /api/plans/:id', `/api/plans/${encodeURIComponent(id)}`, planDocumentSchema),
  create: (caseId: string, plan: Partial<PlanContent> & Pick<PlanContent, 'seriesInstanceUID' | 'frameOfReferenceUID'>): Promise<PlanSaveOutcome> =>
    withNotes(sendDocument('POST /api/cases/:id/plans', `/api/cases/${encodeURIComponent(caseId)}/plans`, { method: 'POST', headers: json, body: JSON.stringify(plan) }, planDocumentSchema)),
  save: (id: string, plan: PlanContent, baseVersion: number): Promise<PlanSaveOutcome> =>
    withNotes(sendDocument('PUT /api/plans/:id', `/api/plans/${encodeURIComponent(id)}`, { method: 'PUT', headers: { ...json, 'if-match': `"${baseVersion}"` }, body: JSON.stringify(plan) }, planDocumentSchema)),
};

const sentInstance = { sopClassUID: z.string(), sopInstanceUID: z.string() };

/** What the PACS did with a plan version's SEG and SR (POST /api/plans/:id/dicom/store). */
export const pacsStoreAnswerSchema = z.object({
  /** The PACS's label, as the server names it. */
  pacs: z.string(),
  planId: z.string(),
  version: z.number(),
  stored: z.array(z.object({ ...sentInstance, warning: z.string().optional() })),
  failed: z.array(z.object({ ...sentInstance, reason: z.string() })),
});

/** The PACS's answer to a plan sent to it: what it stored and what it did not, with why. */
export type PacsStoreAnswer = z.infer<typeof pacsStoreAnswerSchema>;

/** A plan version's DICOM files as the server zips them, with the name it gives the zip. */
export interface PlanDicomDownload {
  blob: Blob;
  fileName: string;
}

/** The file name of a Content-Disposition header, or undefined. */
export function attachmentName(header: string | null): string | undefined {
  const m = /filename="([^"]+)"/.exec(header ?? '') ?? /filename=([^;\s]+)/.exec(header ?? '');
  return m?.[1];
}

/**
 * The saved plan version's SEG and SR as a zip (GET /api/plans/:id/dicom; the latest version
 * unless `version` says). A refusal is an {@link ApiError} with the server's reason (the CT not
 * held, the plan not exportable, the role not allowed).
 */
export async function downloadPlanDicom(id: string, version?: number): Promise<PlanDicomDownload> {
  const endpoint = 'GET /api/plans/:id/dicom';
  const query = version === undefined ? '' : `?version=${version}`;
  const res = await request(endpoint, `/api/plans/${encodeURIComponent(id)}/dicom${query}`, { headers: { accept: 'application/zip, application/json' } });
  if (!res.ok) {
    const problem = await readProblem(res);
    throw new ApiError(endpoint, res.status, problem.error, problem);
  }
  const blob = await res.blob();
  return { blob, fileName: attachmentName(res.headers.get('content-disposition')) ?? `PercuPlan-plan-${id.slice(0, 8)}-DICOM.zip` };
}

/**
 * Sends the saved plan version's SEG and SR to the configured PACS (POST
 * /api/plans/:id/dicom/store): resolves with what the PACS stored and what it did not (the
 * server answers 207 then, with the same body); a PACS that cannot be reached is an ApiError.
 */
export function sendPlanToPacs(id: string, version?: number): Promise<PacsStoreAnswer> {
  const query = version === undefined ? '' : `?version=${version}`;
  return fetchParsed('POST /api/plans/:id/dicom/store', `/api/plans/${encodeURIComponent(id)}/dicom/store${query}`, pacsStoreAnswerSchema, { method: 'POST', headers: { accept: 'application/json' } });
}

import { z } from 'zod';
import { planDocumentSchema, type PlanContent, type PlanDocument } from '../records';
import { fetchParsed } from './apiProblem';
import { sendDocument, type SaveOutcome } from './saveOutcome';
import { listProblemsSchema, type UnreadableRow } from './responseSchemas';

/** The outcome of a plan save: the stored plan, or the server's reasons (a 409 carries the current plan). */
export type PlanSaveOutcome = SaveOutcome<PlanDocument>;

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
    sendDocument('POST /api/cases/:id/plans', `/api/cases/${encodeURIComponent(caseId)}/plans`, { method: 'POST', headers: json, body: JSON.stringify(plan) }, planDocumentSchema),
  save: (id: string, plan: PlanContent, baseVersion: number): Promise<PlanSaveOutcome> =>
    sendDocument('PUT /api/plans/:id', `/api/plans/${encodeURIComponent(id)}`, { method: 'PUT', headers: { ...json, 'if-match': `"${baseVersion}"` }, body: JSON.stringify(plan) }, planDocumentSchema),
};

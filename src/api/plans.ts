import { z } from 'zod';
import { planDocumentSchema, type PlanContent, type PlanDocument } from '../records';
import { fetchParsed } from './apiProblem';
import { sendDocument, type SaveOutcome } from './saveOutcome';

/** The outcome of a plan save: the stored plan, or the server's reasons (a 409 carries the current plan). */
export type PlanSaveOutcome = SaveOutcome<PlanDocument>;

const planListSchema = z.object({ plans: z.array(planDocumentSchema) });
const json = { 'content-type': 'application/json' };

/** Typed client of the plan API: plans belong to a case and are saved on a base version. */
export const plansApi = {
  async list(caseId: string): Promise<PlanDocument[]> {
    return (await fetchParsed('GET /api/cases/:id/plans', `/api/cases/${encodeURIComponent(caseId)}/plans?include=content`, planListSchema)).plans;
  },
  get: (id: string): Promise<PlanDocument> => fetchParsed('GET /api/plans/:id', `/api/plans/${encodeURIComponent(id)}`, planDocumentSchema),
  create: (caseId: string, plan: Partial<PlanContent> & Pick<PlanContent, 'seriesInstanceUID' | 'frameOfReferenceUID'>): Promise<PlanSaveOutcome> =>
    sendDocument('POST /api/cases/:id/plans', `/api/cases/${encodeURIComponent(caseId)}/plans`, { method: 'POST', headers: json, body: JSON.stringify(plan) }, planDocumentSchema),
  save: (id: string, plan: PlanContent, baseVersion: number): Promise<PlanSaveOutcome> =>
    sendDocument('PUT /api/plans/:id', `/api/plans/${encodeURIComponent(id)}`, { method: 'PUT', headers: { ...json, 'if-match': `"${baseVersion}"` }, body: JSON.stringify(plan) }, planDocumentSchema),
};

import type { PlanContent, PlanDocument } from '../records';
import type { ApiProblem } from './cases';

/** The outcome of a plan save: the stored plan, or the server's reasons (a 409 carries the current plan). */
export type PlanSaveOutcome = { ok: true; document: PlanDocument } | { ok: false; status: number; problem: ApiProblem & { current?: unknown } };

async function json<T>(res: Response): Promise<T> {
  return (await res.json().catch(() => ({}))) as T;
}

async function outcome(res: Response): Promise<PlanSaveOutcome> {
  return res.ok ? { ok: true, document: await json<PlanDocument>(res) } : { ok: false, status: res.status, problem: await json<ApiProblem>(res) };
}

/** Typed client of the plan API: plans belong to a case and are saved on a base version. */
export const plansApi = {
  async list(caseId: string): Promise<PlanDocument[]> {
    const res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/plans?include=content`);
    const body = await json<{ plans?: PlanDocument[]; error?: string }>(res);
    if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
    return body.plans ?? [];
  },
  async get(id: string): Promise<PlanDocument> {
    const res = await fetch(`/api/plans/${encodeURIComponent(id)}`);
    const body = await json<PlanDocument & { error?: string }>(res);
    if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
    return body;
  },
  async create(caseId: string, plan: Partial<PlanContent> & Pick<PlanContent, 'seriesInstanceUID' | 'frameOfReferenceUID'>): Promise<PlanSaveOutcome> {
    const res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
    return outcome(res);
  },
  async save(id: string, plan: PlanContent, baseVersion: number): Promise<PlanSaveOutcome> {
    const res = await fetch(`/api/plans/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': `"${baseVersion}"` },
      body: JSON.stringify(plan),
    });
    return outcome(res);
  },
};

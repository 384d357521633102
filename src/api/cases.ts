import type { CaseDocument, CaseContent, CaseSummary, HistoryEntry } from '../records';

export type { CaseSummary, HistoryEntry };

/** A refused request as the server explains it. */
export interface ApiProblem {
  error: string;
  code: string;
  issues?: { path: string; message: string }[];
  current?: CaseDocument;
}

/** The outcome of a save: the stored document, or the server's reasons. */
export type SaveOutcome = { ok: true; document: CaseDocument } | { ok: false; status: number; problem: ApiProblem };


async function json<T>(res: Response): Promise<T> {
  return (await res.json().catch(() => ({}))) as T;
}

/** Typed client of the case-record API. */
export const casesApi = {
  async list(filter: { status?: string; procedure?: string; tumourType?: string; study?: string } = {}): Promise<CaseSummary[]> {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
    const res = await fetch(`/api/cases?${q}`);
    const body = await json<{ cases?: CaseSummary[]; error?: string }>(res);
    if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
    return body.cases ?? [];
  },
  async get(id: string): Promise<CaseDocument> {
    const res = await fetch(`/api/cases/${encodeURIComponent(id)}`);
    const body = await json<CaseDocument & { error?: string }>(res);
    if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
    return body;
  },
  async create(content: Partial<CaseContent>): Promise<SaveOutcome> {
    const res = await fetch('/api/cases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(content) });
    return res.ok ? { ok: true, document: await json<CaseDocument>(res) } : { ok: false, status: res.status, problem: await json<ApiProblem>(res) };
  },
  /** Saves on top of `baseVersion`; a 409 carries the current document, never merged. */
  async save(id: string, content: CaseContent, baseVersion: number): Promise<SaveOutcome> {
    const res = await fetch(`/api/cases/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': `"${baseVersion}"` },
      body: JSON.stringify(content),
    });
    return res.ok ? { ok: true, document: await json<CaseDocument>(res) } : { ok: false, status: res.status, problem: await json<ApiProblem>(res) };
  },
  async history(id: string): Promise<HistoryEntry[]> {
    const res = await fetch(`/api/cases/${encodeURIComponent(id)}/history`);
    const body = await json<{ entries?: HistoryEntry[] }>(res);
    return body.entries ?? [];
  },
};

import { randomUUID } from 'node:crypto';
import {
  CASE_MIGRATIONS,
  CASE_SCHEMA_VERSION,
  CASE_SECTIONS,
  caseConsistencyIssues,
  caseInputSchema,
  deriveCase,
  type CaseContent,
} from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';
import { archiveRequest } from './archiveRequest';
import { baseVersion } from './baseVersion';
import { caseBundle } from './fhirBundle';
import { parseCaseListQuery } from './caseListQuery';
import { DEFAULT_CASE_PAGE } from './caseListing';
import { documentReply, outcomeReply } from './documentReply';
import { parseInput, pick } from './parseInput';
import type { RecordsRepository } from './recordsRepository';
import type { RouteInput } from './routeInput';
import type { AuditEventName } from '../auth/auditTrail';
import { keepStoredDecisions } from '../boards/keepStoredDecisions';
import { saveNotesHeader } from './planHandlers';

/** Records a case event for the request's actor (no-op when the app gave no audit trail). */
async function audited(input: RouteInput, event: AuditEventName, reply: Reply, caseId: string): Promise<Reply> {
  if (input.audit && reply.status < 300) await input.audit.record({ event, actor: input.who ?? null, caseId });
  return reply;
}

/** Validates a case body and computes its derived fields; refusals name the fields. */
function caseContentOf(body: unknown): Result<{ content: CaseContent; id?: string; version?: number }, Reply> {
  const parsed = parseInput(caseInputSchema, body, 'case record', { list: CASE_MIGRATIONS, current: CASE_SCHEMA_VERSION });
  if (!parsed.ok) return parsed;
  const content = pick(parsed.value, CASE_SECTIONS);
  const issues = caseConsistencyIssues(content);
  if (issues.length) return err(problem(400, 'invalid-fields', 'The case record contradicts itself', { issues }));
  return ok({ content: deriveCase(content, randomUUID), id: parsed.value.id, version: parsed.value.version });
}

const notFound = (id: string): Reply => problem(404, 'not-found', `No case ${id}`);

/** The handlers of /api/cases… over a repository. */
export function caseHandlers(repo: RecordsRepository) {
  return {
    async list({ url }: RouteInput): Promise<Reply> {
      const filter = parseCaseListQuery(url.searchParams);
      if (!filter.ok) return filter.error;
      // A stored case that no longer restores is named in `problems` (id and why), never a 500 for the whole list.
      const { cases, problems, total } = await repo.listCases(filter.value);
      // A page: `total` matching cases in all, `next` the offset of the following page (null on the last).
      const limit = filter.value.limit ?? DEFAULT_CASE_PAGE;
      const offset = filter.value.offset ?? 0;
      const next = offset + limit < total ? offset + limit : null;
      return { status: 200, body: { cases, problems, total, limit, offset, next } };
    },

    async create(route: RouteInput): Promise<Reply> {
      const input = caseContentOf(route.body);
      if (!input.ok) return input.error;
      // A new case has no board decisions yet, whatever the body says.
      const kept = keepStoredDecisions(input.value.content.boardDecisions, []);
      const doc = await repo.createCase({ ...input.value.content, boardDecisions: kept.boardDecisions }, route.actor);
      const headers = { location: `/api/cases/${doc.id}`, 'x-percuplan-change': 'saved', ...saveNotesHeader(kept.note ? [kept.note] : []) };
      return audited(route, 'case.create', documentReply(doc, 201, [], headers), doc.id);
    },

    async get(route: RouteInput): Promise<Reply> {
      const [id] = route.params;
      const found = await repo.getCase(id);
      return found ? audited(route, 'case.read', documentReply(found.document, 200, found.problems), id) : notFound(id);
    },

    async update(route: RouteInput): Promise<Reply> {
      const { req, params: [id], body, actor } = route;
      const input = caseContentOf(body);
      if (!input.ok) return input.error;
      if (input.value.id !== undefined && input.value.id !== id) {
        return problem(400, 'invalid-fields', 'The body is another case than the URL names', { issues: [{ path: 'id', message: `Expected ${id}` }] });
      }
      const base = baseVersion(req, input.value.version, true);
      if (!base.ok) return base.error;
      // Board decisions stay as stored: taken from the row the save's transaction reads and locks,
      // so the case is read once per save (a conflict, not-found or archived case is answered
      // from that same read) and a decision recorded since the client's copy is never lost.
      const sent = input.value.content;
      let note: string | null = null;
      const outcome = await repo.updateCase(id, base.value as number, sent, actor, (current) => {
        const kept = keepStoredDecisions(sent.boardDecisions, current.boardDecisions);
        note = kept.note;
        return { ...sent, boardDecisions: kept.boardDecisions };
      });
      const answer = outcomeReply(outcome);
      const reply = answer.status < 300 && note ? { ...answer, headers: { ...answer.headers, ...saveNotesHeader([note]) } } : answer;
      return outcome.kind === 'saved' ? audited(route, 'case.update', reply, id) : reply;
    },

    async archive(route: RouteInput): Promise<Reply> {
      const { req, params: [id], body, actor } = route;
      const request = archiveRequest(body);
      if (!request.ok) return request.error;
      const base = baseVersion(req, request.value.version, false);
      if (!base.ok) return base.error;
      const outcome = await repo.setCaseArchived(id, request.value.archived, base.value, actor);
      const reply = outcomeReply(outcome);
      return outcome.kind === 'saved' ? audited(route, 'case.update', reply, id) : reply;
    },

    async history({ params: [id] }: RouteInput): Promise<Reply> {
      const entries = await repo.caseHistory(id);
      return entries ? { status: 200, body: { id, entries } } : notFound(id);
    },

    async version({ params: [id, n] }: RouteInput): Promise<Reply> {
      const found = await repo.caseVersion(id, Number(n));
      return found ? documentReply(found.document, 200, found.problems) : problem(404, 'not-found', `No version ${n} of case ${id}`);
    },

    async fhir(route: RouteInput): Promise<Reply> {
      const [id] = route.params;
      const found = await repo.getCase(id);
      if (!found) return notFound(id);
      const reply = { status: 200, body: caseBundle(found.document), headers: { 'content-type': 'application/fhir+json; charset=utf-8' } };
      return audited(route, 'export', reply, id);
    },
  };
}

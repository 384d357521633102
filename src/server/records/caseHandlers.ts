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
import { documentReply, outcomeReply } from './documentReply';
import { parseInput, pick } from './parseInput';
import type { RecordsRepository } from './recordsRepository';
import type { RouteInput } from './routeInput';

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
      const { cases, problems } = await repo.listCases(filter.value);
      return { status: 200, body: { cases, problems } };
    },

    async create({ body, actor }: RouteInput): Promise<Reply> {
      const input = caseContentOf(body);
      if (!input.ok) return input.error;
      const doc = await repo.createCase(input.value.content, actor);
      return documentReply(doc, 201, [], { location: `/api/cases/${doc.id}`, 'x-percuplan-change': 'saved' });
    },

    async get({ params: [id] }: RouteInput): Promise<Reply> {
      const found = await repo.getCase(id);
      return found ? documentReply(found.document, 200, found.problems) : notFound(id);
    },

    async update({ req, params: [id], body, actor }: RouteInput): Promise<Reply> {
      const input = caseContentOf(body);
      if (!input.ok) return input.error;
      if (input.value.id !== undefined && input.value.id !== id) {
        return problem(400, 'invalid-fields', 'The body is another case than the URL names', { issues: [{ path: 'id', message: `Expected ${id}` }] });
      }
      const base = baseVersion(req, input.value.version, true);
      if (!base.ok) return base.error;
      return outcomeReply(await repo.updateCase(id, base.value as number, input.value.content, actor));
    },

    async archive({ req, params: [id], body, actor }: RouteInput): Promise<Reply> {
      const request = archiveRequest(body);
      if (!request.ok) return request.error;
      const base = baseVersion(req, request.value.version, false);
      if (!base.ok) return base.error;
      return outcomeReply(await repo.setCaseArchived(id, request.value.archived, base.value, actor));
    },

    async history({ params: [id] }: RouteInput): Promise<Reply> {
      const entries = await repo.caseHistory(id);
      return entries ? { status: 200, body: { id, entries } } : notFound(id);
    },

    async version({ params: [id, n] }: RouteInput): Promise<Reply> {
      const found = await repo.caseVersion(id, Number(n));
      return found ? documentReply(found.document, 200, found.problems) : problem(404, 'not-found', `No version ${n} of case ${id}`);
    },

    async fhir({ params: [id] }: RouteInput): Promise<Reply> {
      const found = await repo.getCase(id);
      if (!found) return notFound(id);
      return { status: 200, body: caseBundle(found.document), headers: { 'content-type': 'application/fhir+json; charset=utf-8' } };
    },
  };
}

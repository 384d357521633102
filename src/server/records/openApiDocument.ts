import { z } from 'zod';
import { caseDocumentSchema, caseInputSchema, CASE_STATUSES, planDocumentSchema, planInputSchema, PROCEDURES, TUMOUR_TYPES } from '../../records';
import { WARNINGS_HEADER } from './documentReply';
import { DEFAULT_BODY_LIMIT } from './requestBody';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string, headers?: Json): Json => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});
const problem = (description: string): Json => json(ref('Problem'), description);
const pathId = (name: string, what: string): Json => ({ name, in: 'path', required: true, description: `The ${what} id (UUID)`, schema: { type: 'string', format: 'uuid' } });
const versionN: Json = { name: 'n', in: 'path', required: true, description: 'Version number, from 1', schema: { type: 'integer', minimum: 1 } };
const etag: Json = { ETag: { description: 'The version of the returned document, quoted ("3"); send it back as If-Match', schema: { type: 'string' } } };
const changeHeader: Json = { 'X-PercuPlan-Change': { description: '"saved" when a new version was written, "unchanged" when the save changed nothing', schema: { type: 'string', enum: ['saved', 'unchanged'] } } };
const warnings: Json = {
  [WARNINGS_HEADER]: { description: 'Present when a stored document needed a defensive restore: a percent-encoded JSON array of "path: problem"', schema: { type: 'string' } },
};
const userHeader: Json = {
  name: 'X-PercuPlan-User',
  in: 'header',
  required: false,
  description: 'Who makes the change (percent-encode non-ASCII). Without it, the operating-system user running the server.',
  schema: { type: 'string', maxLength: 200 },
};
const ifMatch = (required: boolean): Json => ({
  name: 'If-Match',
  in: 'header',
  required: false,
  description: required
    ? 'The version this save is based on ("3"), or send it as the body\'s `version`; one of the two is required (428 otherwise). A stale version gets 409 with the current document.'
    : 'Optional: the version this request is based on; a stale one gets 409.',
  schema: { type: 'string' },
});
const bad = problem('Malformed JSON, invalid fields (with `issues[].path`), or an invalid header or query');
const tooLarge = problem(`The body is larger than ${DEFAULT_BODY_LIMIT} bytes`);
const unsupported = problem('The Content-Type is not JSON');
const notFound = problem('No such case, plan or version');
/** Stored rows a list could not restore: named, never rewritten. */
const unreadable: Json = {
  type: 'array',
  items: { type: 'object', required: ['kind', 'id', 'error'], properties: { kind: { type: 'string', enum: ['case', 'plan'] }, id: { type: 'string' }, error: { type: 'string' } } },
};
const conflict = problem('`version-conflict`: the save was based on an older version (`current` holds the current document, never merged); `archived`: the document is archived');
const write = (required: boolean): Json => ({ '400': bad, '413': tooLarge, '415': unsupported, ...(required ? { '428': problem('The save named no base version') } : {}) });
const history = json({ type: 'object', required: ['id', 'entries'], properties: { id: { type: 'string', format: 'uuid' }, entries: { type: 'array', items: ref('HistoryEntry') } } }, 'The history, oldest first');
const archiveBody: Json = {
  required: false,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { archived: { type: 'boolean', default: true, description: 'false restores an archived document' }, version: { type: 'integer', minimum: 1 } },
      },
    },
  },
};

const enumOf = (o: object): string[] => Object.keys(o);

/** The OpenAPI 3.1 description of the records API, generated from the same schemas that validate requests. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'PercuPlan records API',
      version: '1',
      description:
        'Case selection records and treatment plans. Every document has `id` and an integer `version`; every accepted change makes a new version and a history entry ' +
        '(who, when, changed field paths). Saves name their base version (If-Match or body `version`); a stale save gets 409 with the current document. ' +
        'Nothing is deleted: archive instead. Refusals are `Problem` bodies with a `code`. Computed fields (score `result`s, `mme`) are recomputed by the server on every save.',
    },
    paths: {
      '/api/cases': {
        get: {
          summary: 'List cases (newest change first)',
          parameters: [
            { name: 'status', in: 'query', description: 'Comma-separated or repeated', schema: { type: 'array', items: { type: 'string', enum: enumOf(CASE_STATUSES) } }, style: 'form', explode: false },
            { name: 'procedure', in: 'query', description: 'Cases whose decision includes any of these procedures', schema: { type: 'array', items: { type: 'string', enum: enumOf(PROCEDURES) } }, style: 'form', explode: false },
            { name: 'tumourType', in: 'query', description: 'Primary tumour types', schema: { type: 'array', items: { type: 'string', enum: enumOf(TUMOUR_TYPES) } }, style: 'form', explode: false },
            { name: 'study', in: 'query', description: 'Cases linked to this StudyInstanceUID', schema: { type: 'string' } },
            { name: 'archived', in: 'query', schema: { type: 'string', enum: ['exclude', 'include', 'only'], default: 'exclude' } },
            { name: 'q', in: 'query', description: 'Text in the pseudonym or title', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: {
            '200': json({ type: 'object', required: ['cases', 'problems'], properties: { cases: { type: 'array', items: ref('CaseSummary') }, problems: unreadable } }, 'The matching cases that restore; stored rows that do not are named in `problems`'),
            '400': problem('Unknown or invalid filter (paths like `query.status[0]`)'),
          },
        },
        post: {
          summary: 'Create a case (only `patient.pseudonym` is required)',
          parameters: [userHeader],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CaseInput') } } },
          responses: {
            '201': json(ref('CaseDocument'), 'Created (version 1)', { ...etag, Location: { description: '/api/cases/{id}', schema: { type: 'string' } } }),
            ...write(false),
          },
        },
      },
      '/api/cases/{id}': {
        parameters: [pathId('id', 'case')],
        get: { summary: 'Read a case', responses: { '200': json(ref('CaseDocument'), 'The current version', { ...etag, ...warnings }), '404': notFound } },
        put: {
          summary: 'Save a case (whole document; the envelope fields are ignored except `version`)',
          parameters: [userHeader, ifMatch(true)],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CaseInput') } } },
          responses: { '200': json(ref('CaseDocument'), 'Saved, or unchanged', { ...etag, ...changeHeader }), ...write(true), '404': notFound, '409': conflict },
        },
      },
      '/api/cases/{id}/history': { parameters: [pathId('id', 'case')], get: { summary: 'History of a case', responses: { '200': history, '404': notFound } } },
      '/api/cases/{id}/versions/{n}': {
        parameters: [pathId('id', 'case'), versionN],
        get: { summary: 'One stored version of a case', responses: { '200': json(ref('CaseDocument'), 'That version, as stored (migrated to the current schema)', { ...etag, ...warnings }), '404': notFound } },
      },
      '/api/cases/{id}/archive': {
        parameters: [pathId('id', 'case')],
        post: {
          summary: 'Archive a case and its plans (or restore them with `archived: false`); nothing is deleted',
          parameters: [userHeader, ifMatch(false)],
          requestBody: archiveBody,
          responses: { '200': json(ref('CaseDocument'), 'The case after the request', { ...etag, ...changeHeader }), ...write(false), '404': notFound, '409': conflict },
        },
      },
      '/api/cases/{id}/fhir': {
        parameters: [pathId('id', 'case')],
        get: {
          summary: 'The case as a FHIR R4 Bundle (collection)',
          description:
            'Patient; Observations with LOINC 72514-3 (pain 0–10, method at rest / on weight bearing), 89247-1 (ECOG), 89243-0 (Karnofsky); SINS, Mirels, Harrington, Bilsky, Genant, MME and complications in the local code system urn:percuplan:fhir:CodeSystem:bone-metastasis, whose CodeSystem resource is included.',
          responses: { '200': { description: 'A Bundle', content: { 'application/fhir+json': { schema: { type: 'object' } } } }, '404': notFound },
        },
      },
      '/api/cases/{id}/plans': {
        parameters: [pathId('id', 'case')],
        get: {
          summary: "A case's plans (without `content` unless include=content)",
          parameters: [{ name: 'include', in: 'query', schema: { type: 'string', enum: ['content'] } }],
          responses: {
            '200': json({ type: 'object', required: ['caseId', 'plans', 'problems'], properties: { caseId: { type: 'string' }, plans: { type: 'array', items: ref('PlanDocument') }, problems: unreadable } }, 'The plans that restore, oldest first; stored rows that do not are named in `problems`'),
            '404': notFound,
          },
        },
        post: {
          summary:
            'Create a plan for the case. The server validates `content` (lesions, structures at risk, trajectories: see src/planning) and recomputes every derived value — lesion measurements from the masks, trajectory `metrics` and plan `zoneMetrics` — on the CT of the series when it holds it; what a client sends there is replaced. Invalid content is a 400 naming each field.',
          parameters: [userHeader],
          requestBody: { required: true, content: { 'application/json': { schema: ref('PlanInput') } } },
          responses: { '201': json(ref('PlanDocument'), 'Created', { ...etag, Location: { schema: { type: 'string' } } }), ...write(false), '404': notFound, '409': conflict },
        },
      },
      '/api/plans/{id}': {
        parameters: [pathId('id', 'plan')],
        get: { summary: 'Read a plan', responses: { '200': json(ref('PlanDocument'), 'The current version', { ...etag, ...warnings }), '404': notFound } },
        put: {
          summary: 'Save a plan (content validated and its derived values recomputed, as on create). Approving stamps approvedBy/approvedAt; an approved plan\'s content cannot change unless the same save sets status back to draft or proposed.',
          parameters: [userHeader, ifMatch(true)],
          requestBody: { required: true, content: { 'application/json': { schema: ref('PlanInput') } } },
          responses: { '200': json(ref('PlanDocument'), 'Saved, or unchanged', { ...etag, ...changeHeader }), ...write(true), '404': notFound, '409': conflict },
        },
      },
      '/api/plans/{id}/history': { parameters: [pathId('id', 'plan')], get: { summary: 'History of a plan', responses: { '200': history, '404': notFound } } },
      '/api/plans/{id}/versions/{n}': {
        parameters: [pathId('id', 'plan'), versionN],
        get: { summary: 'One stored version of a plan', responses: { '200': json(ref('PlanDocument'), 'That version', { ...etag, ...warnings }), '404': notFound } },
      },
      '/api/plans/{id}/archive': {
        parameters: [pathId('id', 'plan')],
        post: {
          summary: 'Archive a plan (or restore it with `archived: false`)',
          parameters: [userHeader, ifMatch(false)],
          requestBody: archiveBody,
          responses: { '200': json(ref('PlanDocument'), 'The plan after the request', { ...etag, ...changeHeader }), ...write(false), '404': notFound, '409': conflict },
        },
      },
    },
    components: {
      schemas: {
        CaseInput: schemaOf(caseInputSchema, 'input'),
        CaseDocument: schemaOf(caseDocumentSchema, 'output'),
        PlanInput: schemaOf(planInputSchema, 'input'),
        PlanDocument: schemaOf(planDocumentSchema, 'output'),
        CaseSummary: {
          type: 'object',
          description: 'A case as listed; `plans` lists its plans without content, `studyInstanceUIDs` its linked studies',
          properties: {
            id: { type: 'string', format: 'uuid' },
            version: { type: 'integer' },
            status: { type: 'string', enum: enumOf(CASE_STATUSES) },
            title: { type: 'string' },
            patient: { type: 'object' },
            tumour: { type: 'object' },
            decision: { type: 'object' },
            maximalPainSite: { type: 'string' },
            painOnWeightBearing: { type: ['number', 'null'] },
            lesionCount: { type: 'integer' },
            followUpCount: { type: 'integer' },
            lastFollowUpDate: { type: ['string', 'null'] },
            studyInstanceUIDs: { type: 'array', items: { type: 'string' } },
            plans: { type: 'array', items: { type: 'object' } },
            createdAt: { type: 'string' },
            updatedAt: { type: 'string' },
            updatedBy: { type: 'string' },
            archivedAt: { type: ['string', 'null'] },
          },
        },
        HistoryEntry: {
          type: 'object',
          required: ['version', 'action', 'at', 'by', 'changes'],
          properties: {
            version: { type: 'integer' },
            action: { type: 'string', enum: ['create', 'update', 'archive', 'unarchive'] },
            at: { type: 'string', format: 'date-time' },
            by: { type: 'string' },
            changes: {
              type: 'object',
              properties: { paths: { type: 'array', items: { type: 'string' }, description: 'Changed field paths, e.g. followUps[1].pain.atRest' }, truncated: { type: 'boolean' } },
            },
          },
        },
        Problem: {
          type: 'object',
          required: ['error', 'code'],
          properties: {
            error: { type: 'string' },
            code: {
              type: 'string',
              enum: ['invalid-json', 'invalid-fields', 'invalid-query', 'invalid-header', 'unsupported-media-type', 'body-too-large', 'not-found', 'method-not-allowed', 'version-required', 'version-conflict', 'archived', 'invalid-path', 'not-configured', 'pacs-unavailable', 'internal-error'],
            },
            issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            current: { description: 'With version-conflict: the current document' },
          },
        },
      },
    },
  };
}

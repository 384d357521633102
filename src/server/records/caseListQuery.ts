import { z } from 'zod';
import { caseStatusSchema, issuesOf, procedureSchema, tumourTypeSchema, dicomUid } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';
import type { CaseFilter } from './recordsRepository';

const list = <T extends z.ZodType>(item: T) => z.array(item).max(50).optional();

const querySchema = z.strictObject({
  status: list(caseStatusSchema),
  procedure: list(procedureSchema),
  tumourType: list(tumourTypeSchema),
  study: dicomUid.optional(),
  archived: z.enum(['exclude', 'include', 'only']).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

const LISTS = new Set(['status', 'procedure', 'tumourType']);

/**
 * Reads the case list's filters from the query string. List filters take comma-separated
 * values or repeat (`status=board,accepted` or `status=board&status=accepted`); an unknown
 * parameter is refused rather than ignored, so a misspelt filter does not silently list all.
 */
export function parseCaseListQuery(params: URLSearchParams): Result<CaseFilter, Reply> {
  // fromEntries defines even a key named __proto__ as data, so it is refused like any unknown key.
  const raw = Object.fromEntries(
    [...new Set(params.keys())].map((key) => {
      const values = params.getAll(key);
      return [key, LISTS.has(key) ? values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean) : (values.at(-1) ?? '')];
    }),
  );
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, ['query']);
    return err(problem(400, 'invalid-query', 'Invalid case list filter', { issues }));
  }
  return ok(parsed.data);
}

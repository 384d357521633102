import type { Result } from '../shared/result';
import { META_FIELDS } from './documentMeta';
import { PLAN_SCHEMA_VERSION, planDocumentSchema, type PlanDocument } from './plan';
import { PLAN_MIGRATIONS } from './planMigrations';
import { restoreDocument, type Restored } from './restoreDocument';

/**
 * Restores a stored plan document. The series and frame of reference are required like the
 * envelope: a plan whose coordinates cannot be placed must not be shown as if they could.
 */
export function restorePlan(raw: unknown): Result<Restored<PlanDocument>> {
  return restoreDocument<PlanDocument>(raw, {
    schema: planDocumentSchema,
    migrations: PLAN_MIGRATIONS,
    target: PLAN_SCHEMA_VERSION,
    required: [...META_FIELDS, 'caseId', 'seriesInstanceUID', 'frameOfReferenceUID'],
    itemSchemas: {},
    fallbacks: {},
  });
}

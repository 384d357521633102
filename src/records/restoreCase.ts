import type { Result } from '../shared/result';
import { caseBoardDecisionSchema } from './boardDecision';
import { CASE_MIGRATIONS } from './caseMigrations';
import { CASE_SCHEMA_VERSION, caseDocumentSchema, type CaseDocument } from './caseRecord';
import { comorbiditySchema } from './disease';
import { META_FIELDS } from './documentMeta';
import { followUpSchema } from './followUp';
import { lesionSchema } from './lesion';
import { linkedStudySchema } from './linkedStudy';
import { restoreDocument, type Restored } from './restoreDocument';

/** Restores a stored case document (see restoreDocument) to the current schema. */
export function restoreCase(raw: unknown): Result<Restored<CaseDocument>> {
  return restoreDocument<CaseDocument>(raw, {
    schema: caseDocumentSchema,
    migrations: CASE_MIGRATIONS,
    target: CASE_SCHEMA_VERSION,
    required: META_FIELDS,
    itemSchemas: { lesions: lesionSchema, followUps: followUpSchema, linkedStudies: linkedStudySchema, comorbidities: comorbiditySchema, boardDecisions: caseBoardDecisionSchema },
    fallbacks: { patient: { pseudonym: 'Unreadable patient section' } },
  });
}

import { z } from 'zod';
import { analgesicRegimenSchema } from './analgesics';
import { caseBoardDecisionSchema } from './boardDecision';
import { caseStatusSchema } from './caseStatus';
import { decisionSchema } from './decision';
import { comorbiditySchema, extentOfDiseaseSchema, performanceSchema, prognosisSchema, tumourSchema } from './disease';
import { documentMetaInputShape, documentMetaShape } from './documentMeta';
import { longText, shortText } from './fieldTypes';
import { followUpSchema } from './followUp';
import { functionAndGoalsSchema, involvementSchema } from './functionAndGoals';
import { lesionSchema } from './lesion';
import { linkedStudySchema } from './linkedStudy';
import { painAssessmentSchema } from './painAssessment';
import { patientSchema } from './patient';

/** The schema version of case documents this code writes. Raise it with a migration in caseMigrations.ts. */
export const CASE_SCHEMA_VERSION = 2;

/**
 * The case selection record: everything the multidisciplinary meeting weighs (see
 * shared/docs/domain.md), the decision, and the outcomes. Sections a client leaves out get
 * their empty defaults, so a new case needs only a patient pseudonym.
 */
export const caseContentSchema = z.strictObject({
  status: caseStatusSchema.default('referred'),
  title: shortText.default('').describe('Short label for lists, e.g. "Right acetabulum, fracture"'),
  patient: patientSchema,
  tumour: tumourSchema.prefault({}),
  extentOfDisease: extentOfDiseaseSchema.prefault({}),
  comorbidities: z.array(comorbiditySchema).max(100).default([]),
  performance: performanceSchema.prefault({}),
  prognosis: prognosisSchema.prefault({}),
  pain: painAssessmentSchema.prefault({}),
  analgesics: analgesicRegimenSchema.prefault({}),
  functionAndGoals: functionAndGoalsSchema.prefault({}),
  involvement: involvementSchema.prefault({}),
  lesions: z.array(lesionSchema).max(50).default([]),
  decision: decisionSchema.prefault({}),
  notes: longText.default(''),
  followUps: z.array(followUpSchema).max(500).default([]),
  linkedStudies: z.array(linkedStudySchema).max(100).default([]),
  /**
   * The tumour board's decisions on this case, each with the meeting that made it. Written only
   * by the board decision routes (a case save keeps the stored list, whatever its body says).
   */
  boardDecisions: z.array(caseBoardDecisionSchema).max(500).default([]),
});

/** The editable part of a case after defaults. */
export type CaseContent = z.infer<typeof caseContentSchema>;

/** What a client sends to create or save a case: the content, optionally with the envelope it read. */
export const caseInputSchema = caseContentSchema.extend(documentMetaInputShape);

/** A case as a client may send it (sections optional). */
export type CaseInput = z.input<typeof caseInputSchema>;

/** A stored case: the envelope and the content. */
export const caseDocumentSchema = caseContentSchema.extend(documentMetaShape);

/** A stored case document. */
export type CaseDocument = z.infer<typeof caseDocumentSchema>;

/** The content keys of a case, in form order. */
export const CASE_SECTIONS = Object.keys(caseContentSchema.shape) as (keyof CaseContent)[];

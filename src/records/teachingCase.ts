import { z } from 'zod';
import { caseContentSchema } from './caseRecord';
import { actorName, dicomUid, documentId, documentVersion, isoDateTime, longText, shortText } from './fieldTypes';
import { planContentSchema } from './plan';

/**
 * Teaching cases (issue 15): a case, its linked studies and its plans made into a de-identified
 * copy for teaching. The images are de-identified by DICOM PS3.15 Annex E (interop/deidentify),
 * the case record made pseudonymous with the same date shift, and the plans moved to the new
 * UIDs. The source case is named only to attendings (`teaching.manage`); a trainee never sees it.
 */

/** Level of a teaching case (IHE TCE TCE201–203). */
export const teachingLevelSchema = z.enum(['primary', 'intermediate', 'advanced']);
/** A teaching level. */
export type TeachingLevel = z.infer<typeof teachingLevelSchema>;

/** Where a teaching case stands: being written, readable by trainees, withdrawn. */
export const teachingStatusSchema = z.enum(['draft', 'published', 'hidden']);
/** A teaching status. */
export type TeachingStatus = z.infer<typeof teachingStatusSchema>;

/** The teaching fields an attending writes (TCE: title = diagnosis, abstract, findings, discussion…). */
export const teachingFieldsSchema = z.strictObject({
  /** The diagnosis, as the title of the case. */
  title: shortText.default(''),
  /** One line: who, what, why now. */
  presentation: shortText.default(''),
  findings: longText.default(''),
  discussion: longText.default(''),
  learningPoints: z.array(shortText.min(1)).max(20).default([]),
  level: teachingLevelSchema.default('intermediate'),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
});
/** Teaching fields after defaults. */
export type TeachingFields = z.infer<typeof teachingFieldsSchema>;

/** `POST /api/cases/:id/teaching` (and `…/teaching/preview`): what to copy. */
export const teachingCreateSchema = z.strictObject({
  fields: teachingFieldsSchema.prefault({}),
  /** The studies to copy; absent: every study linked to the case plus the studies its plans are drawn on. */
  studyInstanceUIDs: z.array(dicomUid).max(20).optional(),
  /** The plans to copy; absent: every plan of the case that is not archived. */
  planIds: z.array(documentId).max(50).optional(),
});
/** A teaching case request before defaults. */
export type TeachingCreateInput = z.input<typeof teachingCreateSchema>;

/** What de-identification did to one file (the preview lists every file). */
export const teachingFileChangesSchema = z.object({
  /** The source file, e.g. "CT 2/0042.dcm" (series number / instance number) or its path in the embedded folder. */
  name: z.string(),
  modality: z.string(),
  seriesInstanceUID: dicomUid,
  /** Counts per action: X removed, Z emptied, D dummy, U UID replaced, C cleaned/shifted, add = marker added. */
  counts: z.object({ X: z.int(), Z: z.int(), D: z.int(), U: z.int(), C: z.int(), add: z.int() }),
  /** Each change (path, tag, action, before, after, reason) as interop/deidentify reports it. */
  changes: z.array(
    z.object({ path: z.string(), tag: z.string(), action: z.enum(['X', 'Z', 'D', 'U', 'C', 'add']), before: z.string(), after: z.string().nullable(), reason: z.string() }),
  ),
});
/** One file's changes. */
export type TeachingFileChanges = z.infer<typeof teachingFileChangesSchema>;

/** A file that will not be copied, and why (names the file). */
export const teachingRefusalSchema = z.object({ name: z.string(), reason: z.string() });

/** `POST /api/cases/:id/teaching/preview`: what would be removed or changed, file by file, before anything is written. */
export const teachingPreviewSchema = z.object({
  caseId: documentId,
  files: z.array(teachingFileChangesSchema),
  refused: z.array(teachingRefusalSchema),
  /** "file: path = uid" for references naming no file of the package. */
  unresolvedReferences: z.array(z.string()),
  /** What changes in the case record: `patient.identifiers` removed, `pain.assessedOn` shifted … */
  caseChanges: z.array(z.object({ path: z.string(), action: z.enum(['removed', 'replaced', 'shifted']), before: z.string(), after: z.string().nullable() })),
  /** Plans copied (id, title) and studies copied. */
  plans: z.array(z.object({ id: documentId, title: z.string() })),
  studies: z.array(z.object({ studyInstanceUID: dicomUid, description: z.string(), files: z.int() })),
  /** Days every date moves by (negative: earlier). The same for images and record. */
  dateShiftDays: z.int(),
});
/** A teaching preview. */
export type TeachingPreview = z.infer<typeof teachingPreviewSchema>;

/** A plan copied into a teaching case, on the de-identified UIDs. */
export const teachingPlanSchema = z.object({
  /** A new id (not the source plan's). */
  id: documentId,
  plan: planContentSchema,
});
/** A teaching plan. */
export type TeachingPlan = z.infer<typeof teachingPlanSchema>;

/** A de-identified series kept by PercuPlan (served like the embedded source). */
export const teachingSeriesSchema = z.object({
  seriesInstanceUID: dicomUid,
  modality: z.string(),
  description: z.string(),
  frameOfReferenceUID: dicomUid.nullable(),
  instances: z.int().min(0),
});

/** A de-identified study of a teaching case. */
export const teachingStudySchema = z.object({
  studyInstanceUID: dicomUid,
  description: z.string(),
  series: z.array(teachingSeriesSchema),
});
/** A teaching study. */
export type TeachingStudy = z.infer<typeof teachingStudySchema>;

/** A stored teaching case (`GET /api/teaching/:id`). */
export const teachingCaseSchema = z.object({
  id: documentId,
  version: documentVersion,
  status: teachingStatusSchema,
  fields: teachingFieldsSchema,
  /** The pseudonymous case record (no name, identifiers or birth date; dates shifted). */
  case: caseContentSchema,
  plans: z.array(teachingPlanSchema),
  studies: z.array(teachingStudySchema),
  deidentification: z.object({
    /** CID 7050 codes applied, e.g. DCM 113100 Basic Application Confidentiality Profile. */
    methods: z.array(z.object({ code: z.string(), meaning: z.string() })),
    files: z.int().min(0),
    refused: z.array(teachingRefusalSchema),
  }),
  /** The case it was made from; null for an account without `teaching.manage` and for an imported case. */
  source: z.object({ caseId: documentId, caseVersion: documentVersion }).nullable(),
  /** Last sending to the teaching PACS, or null. */
  teachingPacs: z.object({ sentAt: isoDateTime, pacs: z.string(), stored: z.int(), failed: z.int() }).nullable(),
  createdAt: isoDateTime,
  createdBy: actorName,
  updatedAt: isoDateTime,
  updatedBy: actorName,
});
/** A stored teaching case. */
export type TeachingCase = z.infer<typeof teachingCaseSchema>;

/** `PATCH /api/teaching/:id`: fields and/or status, against the version read (409 with `current` otherwise). */
export const teachingPatchSchema = z.strictObject({
  version: documentVersion,
  fields: teachingFieldsSchema.partial().optional(),
  status: teachingStatusSchema.optional(),
});
/** A teaching patch. */
export type TeachingPatch = z.infer<typeof teachingPatchSchema>;

/** One row of `GET /api/teaching`. */
export const teachingListEntrySchema = z.object({
  id: documentId,
  version: documentVersion,
  status: teachingStatusSchema,
  title: z.string(),
  presentation: z.string(),
  level: teachingLevelSchema,
  tags: z.array(z.string()),
  /** Studies, series and files kept. */
  files: z.int().min(0),
  plans: z.int().min(0),
  exercises: z.int().min(0),
  createdAt: isoDateTime,
  createdBy: actorName,
  updatedAt: isoDateTime,
});
/** A teaching list row. */
export type TeachingListEntry = z.infer<typeof teachingListEntrySchema>;

/** What `POST /api/teaching/:id/pacs` answers: the STOW outcome, the TCE001 manifest included. */
export const teachingPacsAnswerSchema = z.object({
  pacs: z.string(),
  teachingCaseId: documentId,
  /** The Key Object Selection manifest "For Teaching File Export" (IHERADTF TCE001). */
  manifestSopInstanceUID: dicomUid,
  stored: z.array(z.object({ sopClassUID: z.string(), sopInstanceUID: z.string(), warning: z.string().optional() })),
  failed: z.array(z.object({ sopClassUID: z.string(), sopInstanceUID: z.string(), reason: z.string() })),
});
/** The teaching PACS's answer. */
export type TeachingPacsAnswer = z.infer<typeof teachingPacsAnswerSchema>;

/** The file name of the case inside an export zip (beside `dicom/…`). */
export const TEACHING_EXPORT_CASE_FILE = 'teaching-case.json';

/** The JSON inside an export zip: the teaching case without its source, with its files listed. */
export const teachingExportSchema = z.object({
  format: z.literal('percuplan-teaching-case'),
  formatVersion: z.literal(1),
  exportedAt: isoDateTime,
  softwareVersion: z.string(),
  teachingCase: teachingCaseSchema.omit({ id: true, version: true, source: true, teachingPacs: true }),
  /** Paths inside the zip of the DICOM files ("dicom/<study>/<series>/<sop>.dcm"). */
  files: z.array(z.string()),
});
/** The JSON of an export. */
export type TeachingExport = z.infer<typeof teachingExportSchema>;

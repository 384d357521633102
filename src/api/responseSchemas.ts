import { z } from 'zod';
import { caseStatusSchema, planStatusSchema, procedureSchema, tumourTypeSchema, type CaseSummary, type HistoryEntry } from '../records';
import type { SeriesInstances, StudyListing } from '../dicom/studyListing';

/*
 * Schemas of the answers that have no record schema of their own (listings, summaries). They
 * check what the browser relies on; unknown extra fields are dropped, so the server may add some.
 * Each is tied to its TypeScript type, so the two cannot drift apart silently.
 */

const optString = z.string().optional();
const optNumber = z.number().optional();

/** One series of a study listing. */
export const seriesListingSchema = z.object({
  seriesInstanceUID: z.string(),
  seriesNumber: optNumber,
  seriesDescription: optString,
  modality: optString,
  frameOfReferenceUID: optString,
  instanceCount: z.number(),
  imageCount: z.number(),
  rows: optNumber,
  columns: optNumber,
  patientPosition: optString,
});

/** A study as the worklist lists it. */
export const studyListingSchema = z.object({
  studyInstanceUID: z.string(),
  source: z.enum(['embedded', 'local', 'dicomweb']),
  patientName: optString,
  patientID: optString,
  patientSex: optString,
  patientAge: optString,
  patientBirthDate: optString,
  studyDate: optString,
  studyTime: optString,
  studyDescription: optString,
  accessionNumber: optString,
  modalities: z.array(z.string()),
  bodyPartExamined: optString,
  series: z.array(seriesListingSchema),
  imageCount: z.number(),
  warnings: z.array(z.string()).optional(),
}) satisfies z.ZodType<StudyListing>;

const vec3 = z.tuple([z.number(), z.number(), z.number()]);

/** A series ready to open. */
export const seriesInstancesSchema = z.object({
  studyInstanceUID: z.string(),
  seriesInstanceUID: z.string(),
  instances: z.array(
    z.object({
      sopInstanceUID: z.string(),
      instanceNumber: optNumber,
      imagePositionPatient: vec3.optional(),
      url: z.string(),
      metadata: z.record(z.string(), z.unknown()).optional(),
      numberOfFrames: optNumber,
    }),
  ),
  reconstructable: z.boolean(),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
  sliceSpacingMm: optNumber,
}) satisfies z.ZodType<SeriesInstances>;

/** A case as listed. */
export const caseSummarySchema = z.object({
  id: z.string(),
  version: z.number(),
  status: caseStatusSchema,
  title: z.string(),
  patient: z.object({ pseudonym: z.string(), pseudonymous: z.boolean(), sex: z.string(), ageYears: z.number().nullable() }),
  tumour: z.object({ primary: tumourTypeSchema.nullable(), histology: z.string() }),
  decision: z.object({ outcome: z.string(), procedures: z.array(procedureSchema), date: z.string().nullable() }),
  maximalPainSite: z.string(),
  painOnWeightBearing: z.number().nullable(),
  lesionCount: z.number(),
  followUpCount: z.number(),
  lastFollowUpDate: z.string().nullable(),
  studyInstanceUIDs: z.array(z.string()),
  plans: z.array(
    z.object({ id: z.string(), version: z.number(), status: planStatusSchema, title: z.string(), seriesInstanceUID: z.string(), archivedAt: z.string().nullable() }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  archivedAt: z.string().nullable(),
}) satisfies z.ZodType<CaseSummary>;

/** One entry of a document's history. */
export const historyEntrySchema = z.object({
  version: z.number(),
  action: z.enum(['create', 'update', 'archive', 'unarchive']),
  at: z.string(),
  by: z.string(),
  changes: z.object({ paths: z.array(z.string()), truncated: z.boolean() }),
}) satisfies z.ZodType<HistoryEntry>;

/** A stored row that no longer restores, as a list names it (the rest of the list is still answered). */
export const unreadableRowSchema = z.object({ kind: z.enum(['case', 'plan']), id: z.string(), error: z.string() });

/** A stored row that no longer restores. */
export type UnreadableRow = z.infer<typeof unreadableRowSchema>;

/** The `problems` of a list: absent from older servers, so empty by default. */
export const listProblemsSchema = z.array(unreadableRowSchema).default([]);

/** "case 1234…: why" for each unreadable row, for a message. */
export const describeUnreadable = (rows: readonly UnreadableRow[]): string => rows.map((r) => `${r.kind} ${r.id}: ${r.error}`).join('; ');

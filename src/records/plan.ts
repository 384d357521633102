import { z } from 'zod';
import { documentMetaInputShape, documentMetaShape } from './documentMeta';
import { actorName, dicomUid, documentId, isoDateTime, shortText } from './fieldTypes';

/** The schema version of plan documents this code writes. */
export const PLAN_SCHEMA_VERSION = 1;

/** Where a plan stands: drawn, put to the tumour board, approved, carried out. */
export const planStatusSchema = z.enum(['draft', 'proposed', 'approved', 'performed']);

/** A plan status. */
export type PlanStatus = z.infer<typeof planStatusSchema>;

/**
 * A treatment plan drawn on one series. Its geometry lives in `content`, which the planning
 * issues define; until then it is an open JSON object. The frame of reference is required
 * because every point in the content is in that frame's patient coordinates.
 */
export const planContentSchema = z.strictObject({
  title: shortText.default(''),
  studyInstanceUID: dicomUid.nullable().default(null),
  seriesInstanceUID: dicomUid,
  frameOfReferenceUID: dicomUid,
  status: planStatusSchema.default('draft'),
  approvedBy: actorName.nullable().default(null).describe('Set by the server to the user who approved, unless given'),
  approvedAt: isoDateTime.nullable().default(null).describe('Set by the server when the plan becomes approved, unless given'),
  content: z.record(z.string(), z.unknown()).default({}).describe('The plan itself (lesions, trajectories, zones); open for now'),
});

/** The editable part of a plan after defaults. */
export type PlanContent = z.infer<typeof planContentSchema>;

/** What a client sends to create or save a plan. */
export const planInputSchema = planContentSchema.extend({ ...documentMetaInputShape, caseId: documentId.optional() });

/** A plan as a client may send it. */
export type PlanInput = z.input<typeof planInputSchema>;

/** A stored plan: the envelope, the case it belongs to, and the content. */
export const planDocumentSchema = planContentSchema.extend({ ...documentMetaShape, caseId: documentId });

/** A stored plan document. */
export type PlanDocument = z.infer<typeof planDocumentSchema>;

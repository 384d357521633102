import { z } from 'zod';
import type { ChangeSummary } from './changedPaths';
import { documentMetaInputShape, documentMetaShape } from './documentMeta';
import { boardDecisionSchema, discussionSpanSchema } from './boardDecision';
import { documentId, isoDate, isoDateTime, requiredText, shortText } from './fieldTypes';

/**
 * Tumour board meetings (issue 14, "Meetings"): who attends, the ordered agenda of cases with
 * the reason and question for each, and each item's preparation checklist. Version 1 of the
 * schema; decisions, comments and discussion times come later as new optional fields of an
 * agenda item (objects here are not strict, so a newer document read by this version keeps
 * validating, and a migration can add the fields with their defaults).
 */

/** The schema version of board documents this code writes. */
export const BOARD_SCHEMA_VERSION = 1;

/** One attendee of a meeting. */
export const boardAttendeeSchema = z.object({
  name: requiredText,
  specialty: shortText.default(''),
  present: z.boolean().default(false),
});

/** The preparation checklist of one agenda item: what was done, and who did it when. */
export const boardPreparationSchema = z.object({
  imagesReviewed: z.boolean().default(false),
  keyImagesChosen: z.boolean().default(false),
  /** The id of the plan that goes with the case, or null when none is attached. */
  planAttached: documentId.nullable().default(null),
  preparedBy: shortText.default(''),
  preparedAt: isoDateTime.nullable().default(null),
});

/** Where an agenda item stands in the meeting. */
export const boardItemStatusSchema = z.enum(['pending', 'discussed', 'deferred']);

/** One case on the agenda. */
export const boardItemSchema = z.object({
  caseId: documentId,
  reason: requiredText.describe('Why the case is presented'),
  question: requiredText.describe('The question put to the board'),
  preparation: boardPreparationSchema.prefault({}),
  status: boardItemStatusSchema.default('pending'),
  /** When the case was discussed (start/stop from the presenter; the last span runs while stoppedAt is null). */
  discussion: z.array(discussionSpanSchema).max(100).default([]),
  /** The board's decision, recorded by an attending (written through its own route, not by PUT). */
  decision: boardDecisionSchema.nullable().default(null),
});

/** Whether the meeting is still being prepared/held, or closed (items not discussed have moved on). */
export const boardStatusSchema = z.enum(['open', 'closed']);

/** The editable content of a meeting. */
export const boardContentSchema = z.object({
  title: requiredText.describe('The board, e.g. "Bone metastasis board"'),
  date: isoDate,
  status: boardStatusSchema.default('open'),
  attendees: z.array(boardAttendeeSchema).max(200).default([]),
  items: z.array(boardItemSchema).max(200).default([]),
});

/** The content of a meeting after defaults. */
export type BoardContent = z.infer<typeof boardContentSchema>;
/** An attendee after defaults. */
export type BoardAttendee = z.infer<typeof boardAttendeeSchema>;
/** An agenda item after defaults. */
export type BoardItem = z.infer<typeof boardItemSchema>;
/** A preparation checklist after defaults. */
export type BoardPreparation = z.infer<typeof boardPreparationSchema>;
/** An agenda item's status. */
export type BoardItemStatus = z.infer<typeof boardItemStatusSchema>;

/** A meeting as a client saves it (PUT): the content, optionally with the envelope it read. */
export const boardInputSchema = boardContentSchema.extend(documentMetaInputShape);
/** The body of a save, before defaults. */
export type BoardInput = z.input<typeof boardInputSchema>;

/** The body of `POST /api/boards`: the meeting with its attendees and cases, preparation left empty. */
export const boardCreateSchema = z.object({
  title: requiredText,
  date: isoDate,
  attendees: z.array(boardAttendeeSchema).max(200).default([]),
  items: z.array(boardItemSchema).max(200).default([]),
});
/** A create request before defaults. */
export type BoardCreateInput = z.input<typeof boardCreateSchema>;

/** A stored meeting: the envelope and the content. */
export const boardDocumentSchema = boardContentSchema.extend(documentMetaShape);
/** A stored meeting document. */
export type BoardDocument = z.infer<typeof boardDocumentSchema>;

/** A meeting as listed. */
export interface BoardSummary {
  id: string;
  version: number;
  title: string;
  date: string;
  status: BoardContent['status'];
  cases: number;
  ready: number;
  updatedAt: string;
}

/** The checklist entries a case needs before it is ready, with the words the pages show. */
export const READINESS_CHECKS = [
  { key: 'imagesReviewed', label: 'images reviewed' },
  { key: 'keyImagesChosen', label: 'key images chosen' },
  { key: 'preparedBy', label: 'prepared by' },
  { key: 'preparedAt', label: 'prepared when' },
] as const;

/**
 * What an item still misses before it is ready: images reviewed, key images chosen, and who
 * prepared it and when. An attached plan is shown but not required, because a board is often
 * asked whether to intervene at all, before any plan exists.
 */
export function missingPreparation(p: BoardPreparation): string[] {
  const missing: string[] = [];
  if (!p.imagesReviewed) missing.push('images reviewed');
  if (!p.keyImagesChosen) missing.push('key images chosen');
  if (!p.preparedBy.trim()) missing.push('prepared by');
  if (!p.preparedAt) missing.push('prepared when');
  return missing;
}

/** How many of the agenda's cases are ready. */
export function readiness(items: readonly Pick<BoardItem, 'preparation'>[]): { ready: number; total: number } {
  return { ready: items.filter((i) => missingPreparation(i.preparation).length === 0).length, total: items.length };
}

/** The list entry of a meeting. */
export function summariseBoard(doc: BoardDocument): BoardSummary {
  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    date: doc.date,
    status: doc.status,
    cases: doc.items.length,
    ready: readiness(doc.items).ready,
    updatedAt: doc.updatedAt,
  };
}

/** `date` plus `days` calendar days, as YYYY-MM-DD (UTC arithmetic, so no time zone shifts it). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** One version of a meeting in its history: created, saved, closed, or given the cases another meeting carried over. */
export interface BoardHistoryEntry {
  version: number;
  action: 'create' | 'update' | 'close' | 'carry-over';
  at: string;
  by: string;
  changes: ChangeSummary;
}

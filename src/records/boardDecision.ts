import { z } from 'zod';
import { actorName, documentId, isoDate, isoDateTime, longText, requiredText, shortText } from './fieldTypes';

/**
 * What a tumour board decides for one case (issue 14, "Decisions and comments"): a coded
 * recommendation, the rationale, consensus or dissent, trial eligibility, who acts by when,
 * signed by the account that recorded it; afterwards, whether it was carried out. The board
 * meeting keeps the decision on its agenda item; the case record gets a copy (a new case
 * version) in `boardDecisions`.
 */

/** The recommendations a board can make, with the words pages and reports show. */
export const BOARD_RECOMMENDATIONS = {
  cryoablation: 'Cryoablation',
  'microwave-ablation': 'Microwave ablation',
  'radiofrequency-ablation': 'Radiofrequency ablation',
  vertebroplasty: 'Cementoplasty: vertebroplasty',
  sacroplasty: 'Cementoplasty: sacroplasty',
  acetabuloplasty: 'Cementoplasty: acetabuloplasty',
  'cementoplasty-other': 'Cementoplasty: other site',
  radiotherapy: 'Radiotherapy',
  surgery: 'Surgery',
  'systemic-therapy': 'Systemic therapy',
  'more-imaging': 'More imaging',
  'no-intervention': 'No intervention',
} as const;
/** A recommendation code. */
export type BoardRecommendation = keyof typeof BOARD_RECOMMENDATIONS;
/** Validates a recommendation code. */
export const boardRecommendationSchema = z.enum(Object.keys(BOARD_RECOMMENDATIONS) as [BoardRecommendation, ...BoardRecommendation[]]);

/** Someone who did not agree, and why (optional). */
export const dissenterSchema = z.object({ name: requiredText, reason: shortText.default('') });

/** What a client sends to record a decision (`PUT /api/boards/:id/items/:caseId/decision`). */
export const boardDecisionInputSchema = z
  .object({
    /** One or more codes; more than one is a combination. "no-intervention" stands alone. */
    recommendations: z.array(boardRecommendationSchema).min(1, 'Choose at least one recommendation').max(8),
    /** The site for "cementoplasty-other" (required then), e.g. "left iliac wing". */
    cementoplastySite: shortText.default(''),
    rationale: longText.pipe(z.string().trim().min(1, 'Required')),
    consensus: z.enum(['consensus', 'dissent']),
    dissenters: z.array(dissenterSchema).max(50).default([]),
    trial: z.object({ eligible: z.enum(['yes', 'no', 'not-assessed']).default('not-assessed'), name: shortText.default('') }).prefault({}),
    /** Who acts on the decision (a person or a team). */
    actionBy: requiredText,
    /** By when, or null when no date was set. */
    dueDate: isoDate.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    if (new Set(d.recommendations).size !== d.recommendations.length) ctx.addIssue({ code: 'custom', path: ['recommendations'], message: 'A recommendation is listed twice' });
    if (d.recommendations.includes('no-intervention') && d.recommendations.length > 1)
      ctx.addIssue({ code: 'custom', path: ['recommendations'], message: '"No intervention" cannot be combined with another recommendation' });
    if (d.recommendations.includes('cementoplasty-other') && !d.cementoplastySite.trim())
      ctx.addIssue({ code: 'custom', path: ['cementoplastySite'], message: 'Name the site of the cementoplasty' });
    if (d.consensus === 'dissent' && !d.dissenters.length) ctx.addIssue({ code: 'custom', path: ['dissenters'], message: 'Name who dissented' });
  });
/** A decision as a client sends it, before defaults. */
export type BoardDecisionInput = z.input<typeof boardDecisionInputSchema>;

/** Whether a decision was carried out, recorded afterwards. */
export const followThroughInputSchema = z
  .object({
    state: z.enum(['implemented', 'modified', 'not-implemented']),
    /** Required for "modified" and "not-implemented". */
    reason: longText.default(''),
  })
  .superRefine((f, ctx) => {
    if (f.state !== 'implemented' && !f.reason.trim()) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why' });
  });
/** A follow-through as a client sends it. */
export type FollowThroughInput = z.input<typeof followThroughInputSchema>;

/** A recorded follow-through, signed. */
export const followThroughSchema = z.object({
  state: z.enum(['implemented', 'modified', 'not-implemented']),
  reason: longText.default(''),
  recordedBy: actorName,
  recordedAt: isoDateTime,
});
/** A recorded follow-through. */
export type FollowThrough = z.infer<typeof followThroughSchema>;

/**
 * A recorded decision: the input, plus its id and signature (the account that recorded it and
 * when; the server sets both), and the follow-through once known (null while open).
 */
export const boardDecisionSchema = z.object({
  id: documentId,
  recommendations: z.array(boardRecommendationSchema).min(1),
  cementoplastySite: shortText.default(''),
  rationale: longText,
  consensus: z.enum(['consensus', 'dissent']),
  dissenters: z.array(dissenterSchema).default([]),
  trial: z.object({ eligible: z.enum(['yes', 'no', 'not-assessed']), name: shortText.default('') }),
  actionBy: shortText,
  dueDate: isoDate.nullable().default(null),
  recordedBy: actorName,
  recordedAt: isoDateTime,
  followThrough: followThroughSchema.nullable().default(null),
});
/** A recorded decision. */
export type BoardDecision = z.infer<typeof boardDecisionSchema>;

/** The copy of a board decision in the case record: the decision plus which meeting made it. */
export const caseBoardDecisionSchema = boardDecisionSchema.extend({
  boardId: documentId,
  boardTitle: shortText,
  meetingDate: isoDate,
});
/** A board decision as the case record keeps it. */
export type CaseBoardDecision = z.infer<typeof caseBoardDecisionSchema>;

/** One stretch of discussion of an agenda item (stoppedAt null while it runs). */
export const discussionSpanSchema = z.object({ startedAt: isoDateTime, stoppedAt: isoDateTime.nullable().default(null) });
/** A discussion span. */
export type DiscussionSpan = z.infer<typeof discussionSpanSchema>;

/** A comment a board member made on a case during a meeting (stored apart, append-only). */
export const boardCommentSchema = z.object({
  id: documentId,
  boardId: documentId,
  caseId: documentId,
  text: z.string(),
  by: actorName,
  at: isoDateTime,
});
/** A stored comment. */
export type BoardComment = z.infer<typeof boardCommentSchema>;

/** What a client sends to comment (`POST /api/boards/:id/items/:caseId/comments`). */
export const boardCommentInputSchema = z.object({ text: z.string().trim().min(1, 'Required').max(4000) });

/** An open decision as the board page lists it (`GET /api/board-decisions?open=true`). */
export const openDecisionSchema = z.object({
  boardId: documentId,
  boardTitle: z.string(),
  meetingDate: isoDate,
  caseId: documentId,
  caseTitle: z.string(),
  decision: boardDecisionSchema,
});
/** An open decision. */
export type OpenDecision = z.infer<typeof openDecisionSchema>;

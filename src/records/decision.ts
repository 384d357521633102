import { z } from 'zod';
import { isoDate, longText, shortText } from './fieldTypes';
import { procedureSchema } from './procedures';

/** The team's decision: what is done, through which route, why, when and by whom. */
export const decisionSchema = z.strictObject({
  outcome: z.enum(['pending', 'accepted', 'declined', 'deferred']).default('pending'),
  procedures: z
    .array(procedureSchema)
    .max(12)
    .default([])
    .refine((p) => new Set(p).size === p.length, 'A procedure is listed twice'),
  accessRoute: longText.default('').describe('E.g. "left unipedicular, prone"'),
  rationale: longText.default(''),
  date: isoDate.nullable().default(null),
  decidedBy: shortText.default('').describe('The meeting or the people who decided'),
});

/** A decision after defaults. */
export type Decision = z.infer<typeof decisionSchema>;

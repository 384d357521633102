import { z } from 'zod';
import { documentVersion, issuesOf } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';

const archiveBodySchema = z.strictObject({ archived: z.boolean().default(true), version: documentVersion.optional() });

/** Reads the optional body of an archive request: `{ archived?: boolean = true, version?: number }`. */
export function archiveRequest(body: unknown): Result<{ archived: boolean; version?: number }, Reply> {
  const r = archiveBodySchema.safeParse(body ?? {});
  if (r.success) return ok(r.data);
  return err(
    problem(400, 'invalid-fields', 'Invalid archive request', {
      issues: issuesOf(r.error),
    }),
  );
}


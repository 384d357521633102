import type { z } from 'zod';
import { formatPath } from './fieldPath';

/** One reason a document was refused, with the path of the failing field (empty for the whole). */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Turns a zod error into field issues. An unknown key becomes an issue at that key's own path,
 * since "Unrecognized key" at the parent does not tell a form which field is wrong.
 */
export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...base, key]), message: 'Unknown field' });
    } else {
      out.push({ path: formatPath(base), message: issue.message });
    }
  }
  return out;
}

import type { FieldIssue } from '../../records';
import { problem, type Reply } from './apiProblem';
import { etagOf } from './baseVersion';
import type { Outcome } from './recordsRepository';

/** The header that lists what a defensive restore had to leave out of a document. */
export const WARNINGS_HEADER = 'x-percuplan-restore-warnings';

/**
 * A document as the answer, with its version as ETag. Restore problems go in a header
 * (percent-encoded JSON, cut to 4 KB), so the body stays exactly the document a client saves back.
 */
export function documentReply(doc: { version: number }, status = 200, problems: FieldIssue[] = [], headers: Record<string, string> = {}): Reply {
  const h: Record<string, string> = { etag: etagOf(doc.version), ...headers };
  if (problems.length) {
    let list = problems.map((p) => `${p.path}: ${p.message}`);
    while (list.length > 1 && encodeURIComponent(JSON.stringify(list)).length > 4096) list = list.slice(0, -1);
    h[WARNINGS_HEADER] = encodeURIComponent(JSON.stringify(list));
  }
  return { status, body: doc, headers: h };
}

/** The answer to a save or an archive, from what the repository made of it. */
export function outcomeReply<T extends { version: number }>(o: Outcome<T>, created = false): Reply {
  switch (o.kind) {
    case 'saved':
      return documentReply(o.value, created ? 201 : 200, [], { 'x-percuplan-change': 'saved' });
    case 'unchanged':
      return documentReply(o.value, 200, [], { 'x-percuplan-change': 'unchanged' });
    case 'not-found':
      return problem(404, 'not-found', o.message);
    case 'conflict':
      return { ...problem(409, 'version-conflict', o.message, { current: o.current }), headers: { etag: etagOf(o.current.version) } };
    case 'archived':
      return problem(409, 'archived', o.message);
    case 'invalid':
      return problem(400, 'invalid-fields', o.issues.map((i) => i.message).join('; '), { issues: o.issues });
  }
}

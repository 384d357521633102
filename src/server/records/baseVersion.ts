import type { IncomingMessage } from 'node:http';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from './apiProblem';

/** The ETag of a document version: the version number, quoted. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * The version a save is based on, from the If-Match header (an ETag this API gave out, weak
 * or strong) or the body's `version`. They must agree when both are sent. With `required`,
 * a save that names neither gets 428: it could otherwise overwrite a change it never saw.
 */
export function baseVersion(req: IncomingMessage, bodyVersion: number | undefined, required: boolean): Result<number | undefined, Reply> {
  const header = req.headers['if-match'];
  let fromHeader: number | undefined;
  if (header !== undefined) {
    const m = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(header);
    if (!m) {
      return err(
        problem(400, 'invalid-header', 'If-Match must name one version, as the ETag this API returned (e.g. "3")', {
          issues: [{ path: 'header:If-Match', message: 'Not a single version ETag' }],
        }),
      );
    }
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    return err(
      problem(400, 'invalid-fields', `If-Match says version ${fromHeader} but the body says ${bodyVersion}`, {
        issues: [{ path: 'version', message: 'Disagrees with If-Match' }],
      }),
    );
  }
  const v = fromHeader ?? bodyVersion;
  if (v === undefined && required) {
    return err(problem(428, 'version-required', 'Name the version this save is based on: an If-Match header or the body\'s "version"'));
  }
  return ok(v);
}

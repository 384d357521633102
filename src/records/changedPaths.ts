import { formatPath } from './fieldPath';
import { jsonEqual } from './jsonEqual';

/** A summary of what changed between two versions of a document, for the history. */
export interface ChangeSummary {
  /** Field paths whose value changed, was added or was removed, in document order. */
  paths: string[];
  /** True when there were more changed paths than the summary keeps. */
  truncated: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Lists the paths at which two JSON values differ, down to the leaves. Arrays compare item by
 * item, so an edited follow-up shows as `followUps[1].pain.atRest` and an appended one as
 * `followUps[2]`. Below `maxDepth` a differing subtree is reported as one path. Top-level keys
 * in `ignore` (the envelope) are skipped.
 */
export function changedPaths(
  before: unknown,
  after: unknown,
  options: { ignore?: readonly string[]; maxPaths?: number; maxDepth?: number } = {},
): ChangeSummary {
  const ignore = new Set(options.ignore ?? []);
  const maxPaths = options.maxPaths ?? 200;
  const maxDepth = options.maxDepth ?? 24;
  const paths: string[] = [];
  let truncated = false;
  const add = (path: PropertyKey[]): void => {
    if (paths.length < maxPaths) paths.push(formatPath(path));
    else truncated = true;
  };
  const visit = (a: unknown, b: unknown, path: PropertyKey[]): void => {
    if (truncated || Object.is(a, b)) return;
    if (path.length >= maxDepth) {
      if (!jsonEqual(a, b)) add(path);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= a.length || i >= b.length) add([...path, i]);
        else visit(a[i], b[i], [...path, i]);
      }
      return;
    }
    if (isObject(a) && isObject(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) {
        if (path.length === 0 && ignore.has(k)) continue;
        if (!(k in a) || !(k in b)) add([...path, k]);
        else visit(a[k], b[k], [...path, k]);
      }
      return;
    }
    add(path);
  };
  visit(before, after, []);
  return { paths, truncated };
}

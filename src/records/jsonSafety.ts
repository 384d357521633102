import { formatPath } from './fieldPath';
import type { FieldIssue } from './validationIssues';

// ES2024's String#isWellFormed is not in this project's lib target; this is the same test.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Limits on a JSON document's shape that the schemas cannot express for open content. */
export const JSON_LIMITS = { maxDepth: 64, maxIssues: 20 } as const;

/**
 * Finds what parses as JSON but cannot be stored faithfully: nesting deeper than the limit
 * (PostgreSQL and recursive code would fail on it), NUL characters (PostgreSQL text and jsonb
 * refuse them), unpaired surrogates (they would be stored as U+FFFD, silently changed), and
 * numbers beyond double range (JSON.parse turns `1e400` into Infinity, stored as null), and
 * the field name `__proto__` (JavaScript objects cannot hold it as data, so it would vanish).
 * Walks iteratively, so a hostile depth cannot overflow the stack here either.
 */
export function jsonSafetyIssues(value: unknown, limits: { maxDepth: number; maxIssues: number } = JSON_LIMITS): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  const badString = (s: string): string | undefined => {
    if (s.includes('\u0000')) return 'Text may not contain NUL characters';
    if (LONE_SURROGATE.test(s)) return 'Text contains an unpaired UTF-16 surrogate';
    return undefined;
  };
  while (stack.length && issues.length < limits.maxIssues) {
    const { v, path } = stack.pop() as { v: unknown; path: PropertyKey[] };
    if (typeof v === 'string') {
      const m = badString(v);
      if (m) issues.push({ path: formatPath(path), message: m });
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) issues.push({ path: formatPath(path), message: 'Number out of range' });
    } else if (v !== null && typeof v === 'object') {
      if (path.length >= limits.maxDepth) {
        issues.push({ path: formatPath(path), message: `Nested deeper than ${limits.maxDepth} levels` });
        continue;
      }
      if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
      else {
        for (const [k, item] of Object.entries(v)) {
          const m = k === '__proto__' ? 'is reserved in JavaScript and would be dropped' : badString(k);
          if (m) issues.push({ path: formatPath([...path, k]), message: `Field name: ${m}` });
          stack.push({ v: item, path: [...path, k] });
        }
      }
    }
  }
  return issues;
}

/** Where a sign-in lands when it was not asked to go anywhere, or asked to go somewhere unsafe. */
export const DEFAULT_RETURN_TO = '/';

const PROBE_ORIGIN = 'http://percuplan.invalid';

/**
 * The path to land on after signing in, from the `returnTo` the sign-in started with: only a
 * same-origin path is kept. `//evil.example`, `/\evil.example` (browsers read a backslash as a
 * slash), absolute URLs, control characters and the sign-in routes themselves give '/'. An open
 * redirect here would let a link through the hospital's real sign-in page end on a look-alike.
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000) return DEFAULT_RETURN_TO;
  // eslint-disable-next-line no-control-regex
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || /[\u0000-\u001f\u007f]/.test(raw)) return DEFAULT_RETURN_TO;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith('/auth/')) return DEFAULT_RETURN_TO;
  return `${url.pathname}${url.search}${url.hash}`;
}

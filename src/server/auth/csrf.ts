import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Methods that change state and so need the CSRF token (and never a cross-site origin). */
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Compares a token a client sent with the session's in constant time. Both sides are hashed
 * first, so the comparison takes the same time whatever the sent value's length.
 */
export function tokensEqual(sent: string, expected: string): boolean {
  if (!expected) return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/** The one value of a header, or undefined when absent or sent several times. */
const single = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/** A Host header in URL form (lower case, the scheme's default port dropped), to compare with an Origin's host. */
function hostAs(protocol: string, host: string | undefined): string | null {
  if (!host) return null;
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return null;
  }
}

/**
 * Why a request comes from another site, or null when it does not: an `Origin` other than
 * PercuPlan's own (`publicOrigin`, PUBLIC_URL's origin, or else the request's own Host), or a
 * browser's `Sec-Fetch-Site` saying cross-site or same-site (a sibling subdomain is another
 * application). Requests without either header (curl, the CLI, old browsers) pass: the session
 * cookie's SameSite=Lax and the CSRF token still stand in their way.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, publicOrigin: string | null): string | null {
  const origin = headers.origin;
  if (origin !== undefined) {
    const value = single(origin);
    if (value === undefined || value === 'null') return 'the request has an opaque or repeated Origin';
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return 'the request has an unreadable Origin';
    }
    if (publicOrigin !== null) {
      if (parsed.origin !== publicOrigin) return `the request comes from ${parsed.origin}, not ${publicOrigin}`;
    } else if (parsed.host !== hostAs(parsed.protocol, single(headers.host))) {
      return `the request comes from ${parsed.origin}, not from this server`;
    }
  }
  const site = single(headers['sec-fetch-site']);
  if (site === 'cross-site' || site === 'same-site') return `the browser says the request is ${site}`;
  return null;
}

/**
 * A path of this app to go back to after signing in, or `/`: only a local path (one slash, no
 * scheme, not the sign-in page itself), so a crafted link cannot send the user elsewhere.
 */
export function safeReturnPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw === '/login' || raw.startsWith('/login?')) return '/';
  return raw;
}

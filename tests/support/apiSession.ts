/** A signed-in API session: the session cookie and the CSRF token the browser client sends. */
export interface ApiSession {
  cookie: string;
  csrf: string;
}

/** Headers of a JSON request as the browser's API client sends them, with a session when given. */
export function jsonHeaders(session?: ApiSession, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...extra };
}

/** Sends JSON with a method, as the API client would. */
export function sendJson(base: string, method: string, url: string, body: unknown, session?: ApiSession, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${url}`, { method, headers: jsonHeaders(session, extra), body: JSON.stringify(body) });
}

/**
 * Signs in through the API; retried for a few seconds because the server caches whether it is
 * in accounts mode for up to a second after the first account is made.
 */
export async function apiLogin(base: string, who: { username: string; password: string }): Promise<ApiSession> {
  for (let i = 0; i < 30; i++) {
    const r = await sendJson(base, 'POST', '/api/auth/login', { username: who.username, password: who.password });
    if (r.status === 200) return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`${who.username} could not sign in`);
}

/**
 * Switches a single-user server to accounts mode: the first account (an administrator) made
 * without a session, then the others as that administrator.
 */
export async function makeAccounts(base: string, admin: { username: string; password: string }, others: readonly { username: string }[]): Promise<void> {
  const first = await sendJson(base, 'POST', '/api/admin/accounts', admin);
  if (first.status !== 201) throw new Error(`creating the first account: ${first.status} ${await first.text()}`);
  const session = await apiLogin(base, admin);
  for (const a of others) {
    const r = await sendJson(base, 'POST', '/api/admin/accounts', a, session);
    if (r.status !== 201) throw new Error(`creating ${a.username}: ${r.status} ${await r.text()}`);
  }
}

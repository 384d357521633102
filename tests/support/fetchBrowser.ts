/**
 * A browser reduced to what a sign-in flow needs, over Node's fetch: a cookie jar per origin,
 * redirects followed by hand (so a test sees every hop), and HTML forms submitted with their
 * hidden fields. For tests against the real OpenID provider without launching Chromium.
 */
export interface FetchBrowser {
  /** GET `url`, following redirects up to `stopAt` (a predicate on the next URL); returns the last response. */
  get(url: string, stopAt?: (next: URL) => boolean): Promise<FetchedPage>;
  /** Submits the page's first form (POST, urlencoded), with `fields` over its own inputs, then follows redirects. */
  submitForm(page: FetchedPage, fields?: Record<string, string>, stopAt?: (next: URL) => boolean): Promise<FetchedPage>;
  /** The cookies held for `origin`, by name. */
  cookies(origin: string): ReadonlyMap<string, string>;
  /** Every URL requested, in order. */
  readonly visited: string[];
}

/** A response with its body read and the URL it came from. */
export interface FetchedPage {
  url: string;
  status: number;
  headers: Headers;
  body: string;
  /** The Location header resolved against `url`, when the page is a redirect. */
  location: URL | null;
  /** The Set-Cookie lines of this response, unparsed. */
  setCookies: string[];
}

/** Makes a new browser with an empty jar. */
export function fetchBrowser(): FetchBrowser {
  const jars = new Map<string, Map<string, string>>();
  const visited: string[] = [];
  const jar = (origin: string): Map<string, string> => {
    let j = jars.get(origin);
    if (!j) jars.set(origin, (j = new Map()));
    return j;
  };

  async function request(url: string, init: RequestInit = {}): Promise<FetchedPage> {
    const origin = new URL(url).origin;
    const cookieHeader = [...jar(origin)].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookieHeader) headers.set('cookie', cookieHeader);
    visited.push(url);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (expired || value === '') jar(origin).delete(name);
      else jar(origin).set(name, value);
    }
    const location = res.headers.get('location');
    return { url, status: res.status, headers: res.headers, body: await res.text(), location: location ? new URL(location, url) : null, setCookies };
  }

  async function follow(page: FetchedPage, stopAt?: (next: URL) => boolean): Promise<FetchedPage> {
    let current = page;
    for (let hops = 0; current.location && current.status >= 300 && current.status < 400; hops++) {
      if (hops > 20) throw new Error(`Too many redirects: ${visited.slice(-20).join(' -> ')}`);
      if (stopAt?.(current.location)) return current;
      current = await request(current.location.href);
    }
    return current;
  }

  return {
    visited,
    cookies: (origin) => jar(origin),
    get: async (url, stopAt) => follow(await request(url), stopAt),
    async submitForm(page, fields = {}, stopAt) {
      const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
      if (!form) throw new Error(`No form on ${page.url} (status ${page.status}):\n${page.body.slice(0, 500)}`);
      const values = new URLSearchParams();
      for (const input of (form[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
        const name = /\bname="([^"]*)"/.exec(input[0])?.[1];
        if (name) values.set(name, decodeEntities(/\bvalue="([^"]*)"/.exec(input[0])?.[1] ?? ''));
      }
      for (const [k, v] of Object.entries(fields)) values.set(k, v);
      const action = new URL(decodeEntities(form[1] ?? ''), page.url).href;
      const posted = await request(action, { method: 'POST', body: values, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return follow(posted, stopAt);
    },
  };
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|#x2F);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", '#x2F': '/' })[e] ?? '');
}

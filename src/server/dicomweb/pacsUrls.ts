/** Where the DICOMweb proxy is mounted on our server. */
export const PROXY_PREFIX = '/dicomweb';

/**
 * Maps a URL the PACS wrote (a BulkDataURI, a RetrieveURL) to the same resource through our
 * proxy, as a path: `http://pacs:8042/dicom-web/studies/1/...` becomes `/dicomweb/studies/1/...`.
 * Any host is accepted, since the PACS may have used the one we sent in `Forwarded`; URLs
 * outside the PACS's DICOMweb root are returned unchanged.
 */
export function proxiedPath(uri: string, pacsBase: URL): string {
  let u: URL;
  try {
    u = new URL(uri, `${pacsBase.origin}${pacsBase.pathname}/`);
  } catch {
    return uri;
  }
  const root = pacsBase.pathname;
  if (u.pathname !== root && !u.pathname.startsWith(`${root}/`)) return uri;
  return `${PROXY_PREFIX}${u.pathname.slice(root.length)}${u.search}`;
}

/**
 * A copy of DICOM JSON (one dataset, or an array of them) whose BulkDataURIs point at our
 * proxy, at any depth of sequences, so the browser can fetch bulk data without reaching
 * the PACS itself.
 */
export function withProxiedBulkData<T>(json: T, pacsBase: URL): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === 'BulkDataURI' && typeof x === 'string' ? proxiedPath(x, pacsBase) : walk(x);
    }
    return out;
  };
  return walk(json) as T;
}

/**
 * Rewrites, in a JSON text the PACS sent through the proxy, the absolute URLs below its
 * DICOMweb root (written with the host we forwarded, or with its own) to the same URLs below
 * our proxy, so RetrieveURLs and BulkDataURIs point back at us.
 */
export function rewritePacsUrlsInText(text: string, pacsBase: URL, forwardedHost: string | undefined): string {
  const ourRoot = forwardedHost ? `http://${forwardedHost}${PROXY_PREFIX}/` : `${PROXY_PREFIX}/`;
  const theirRoots = [`${pacsBase.origin}${pacsBase.pathname}/`];
  if (forwardedHost) theirRoots.push(`http://${forwardedHost}${pacsBase.pathname}/`);
  return theirRoots.reduce((t, root) => t.split(root).join(ourRoot), text);
}

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendError } from '../http';
import { pacsFailure, readPacsBody, type PacsClient } from './pacsClient';
import { PROXY_PREFIX, rewritePacsUrlsInText } from './pacsUrls';

/**
 * Request headers passed to the PACS as they came from the browser. Never Accept-Encoding: a
 * browser always sends it, and Orthanc then gzips every frame (55–110 ms of its CPU per
 * 512×512 frame, measured), which made a series load several times slower from its own origin.
 */
const FORWARDED_REQUEST_HEADERS = ['accept', 'range', 'if-none-match', 'if-modified-since'] as const;
/** Response headers passed back from the PACS. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified'] as const;
/** Path segments a DICOMweb resource uses: UIDs, words, frame lists ("1,2,3"). */
const SAFE_PATH = /^(\/[A-Za-z0-9._,-]+)*\/?$/;
/** Host header values we repeat to the PACS in `Forwarded`. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
/** JSON answers are rewritten in memory; anything bigger than this is refused rather than buffered. */
const MAX_REWRITTEN_JSON_BYTES = 256 * 1024 * 1024;
/** Resources named by UID never change, so the browser may keep them. */
const IMMUTABLE = /\/(frames|bulk|rendered|thumbnail)(\/|$)/;

/** True when a path belongs to the proxy. */
export const isDicomwebPath = (pathname: string): boolean =>
  pathname === PROXY_PREFIX || pathname.startsWith(`${PROXY_PREFIX}/`);

const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/(dicom\+)?json\b/i.test(contentType);

/**
 * Proxies `GET /dicomweb/<path>` to the PACS's DICOMweb root: streams the body through (a
 * multipart answer of frames is never held whole), passes Accept and Range, adds the
 * credentials, and sends `Forwarded: host=<our host>;proto=http` so the URLs the PACS writes
 * point back at us; JSON answers get any remaining PACS URLs rewritten to the proxy.
 * Only GET and HEAD (405 otherwise); an unreachable or failing PACS, or one that refuses the
 * credentials, is a 502 naming the PACS URL, never a 401 that would make the browser ask
 * for a password. Only the headers listed above reach the PACS: never the browser's Cookie or
 * Authorization. `onStudy` hears the study UID a request names, before the PACS is asked.
 */
export async function proxyDicomweb(
  client: PacsClient | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  onStudy?: (studyInstanceUID: string) => Promise<void>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    sendError(res, 405, 'method-not-allowed', `${req.method} is not allowed on ${PROXY_PREFIX}: the DICOMweb proxy is read-only (GET, HEAD)`);
    return;
  }
  if (!client) {
    sendError(res, 404, 'not-configured', 'No PACS is configured: set DICOMWEB_URL in the server environment to use the DICOMweb proxy');
    return;
  }
  const rest = url.pathname.slice(PROXY_PREFIX.length);
  if (!SAFE_PATH.test(rest) || rest.split('/').some((s) => s === '.' || s === '..')) {
    sendError(res, 400, 'invalid-path', `Not a DICOMweb resource path: ${url.pathname}`);
    return;
  }

  const study = /^\/studies\/([0-9.]{1,64})(\/|$)/.exec(rest)?.[1];
  if (study && onStudy) await onStudy(study);

  const headers: Record<string, string> = {};
  for (const h of FORWARDED_REQUEST_HEADERS) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  const host = req.headers.host;
  const forwardedHost = host && SAFE_HOST.test(host) ? host : undefined;
  // Unquoted on purpose: Orthanc (DICOMweb plugin 1.7) takes a quoted host literally.
  if (forwardedHost) headers.forwarded = `host=${forwardedHost};proto=http`;

  // A viewer cancels frame requests as the user scrolls on: stop the PACS request with it.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  let upstream: IncomingMessage;
  try {
    // HEAD is sent as GET: not every PACS answers HEAD on DICOMweb routes; the body is dropped.
    upstream = await client.open(`${rest}${url.search}`, { headers, signal: abort.signal });
  } catch (e) {
    if (abort.signal.aborted) return;
    throw e;
  }
  const status = upstream.statusCode ?? 502;
  const failure = await pacsFailure(upstream, client.name, `GET ${rest}`);
  if (failure) throw failure;

  const out: OutgoingHttpHeaders = {};
  for (const h of FORWARDED_RESPONSE_HEADERS) {
    const v = upstream.headers[h];
    if (v !== undefined) out[h] = v;
  }
  out['cache-control'] = status === 200 && IMMUTABLE.test(rest) ? 'private, max-age=3600' : 'no-store';
  out.vary = 'Accept';

  if (isJson(upstream.headers['content-type'])) {
    const body = await readPacsBody(upstream, MAX_REWRITTEN_JSON_BYTES, `GET ${rest}`);
    const text = rewritePacsUrlsInText(body.toString('utf8'), client.baseUrl, forwardedHost);
    out['content-length'] = Buffer.byteLength(text);
    res.writeHead(status, out);
    res.end(req.method === 'HEAD' ? undefined : text);
    return;
  }
  res.writeHead(status, out);
  if (req.method === 'HEAD') {
    upstream.destroy();
    res.end();
    return;
  }
  try {
    await pipeline(upstream, res);
  } catch (e) {
    // The browser went away (a cancelled frame request), or the PACS stopped mid-answer:
    // the response is already under way, so all that is left is to close it.
    if (!res.writableEnded) res.destroy();
    if (!abort.signal.aborted) console.warn(`[dicomweb] proxying ${rest} broke off: ${e instanceof Error ? e.message : String(e)}`);
  }
}


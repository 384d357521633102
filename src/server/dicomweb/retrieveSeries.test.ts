import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPacsClient, type PacsClient } from './pacsClient';
import { PacsError } from './pacsError';
import { retrieveSeries } from './retrieveSeries';

const STUDY = '1.2.3';
const SERIES = '1.2.3.4';
/** Instance i's bytes: 600 bytes, CR, LF and dashes included, so a delimiter-like run is in the body. */
const bytesOf = (i: number): Buffer => Buffer.from(Array.from({ length: 600 }, (_, q) => [0x0d, 0x0a, 0x2d, 0x2d, i, q & 0xff][q % 6]!));
const SOPS = ['1.2.3.4.1', '1.2.3.4.2', '1.2.3.4.3', '1.2.3.4.4', '1.2.3.4.5'];

/** How the stand-in PACS answers instance requests in the current test. */
let mode: 'ok' | 'no-star' | 'stall' | 'drip' | 'fail' | 'html' | 'odd-uid' | 'single' = 'ok';
let inFlight = 0;
let maxInFlight = 0;
const accepts: string[] = [];
const asked: string[] = [];

/** Writes `body` in 97-byte pieces a millisecond apart, so parts and delimiters straddle reads. */
async function trickle(res: ServerResponse, body: Buffer): Promise<void> {
  for (let at = 0; at < body.length; at += 97) {
    res.write(body.subarray(at, at + 97));
    await new Promise((r) => setTimeout(r, 1));
  }
  res.end();
}

describe('retrieveSeries (a stand-in PACS)', () => {
  let server: Server;
  let client: PacsClient;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const route = url.pathname.replace(/^\/dw/, '');
      asked.push(`${route}${url.search}`);
      const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(JSON.stringify(body));
      if (route === '/series') {
        const uid = url.searchParams.get('SeriesInstanceUID');
        return json(uid === SERIES ? [{ '0020000D': { vr: 'UI', Value: [STUDY] }, '0020000E': { vr: 'UI', Value: [SERIES] } }] : []);
      }
      if (route === `/studies/${STUDY}/series/${SERIES}/instances`) return json([...SOPS, ...(mode === 'odd-uid' ? ['1.2/../../admin'] : [])].map((s) => ({ '00080018': { vr: 'UI', Value: [s] } })));
      const m = new RegExp(`^/studies/${STUDY}/series/${SERIES}/instances/([0-9.]+)$`).exec(route);
      if (!m) return void res.writeHead(404).end();
      const accept = req.headers.accept ?? '';
      accepts.push(accept);
      if (mode === 'no-star' && accept.includes('transfer-syntax=*')) return void res.writeHead(406).end();
      if (mode === 'fail') return void res.writeHead(503).end('Orthanc is restarting');
      if (mode === 'html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.once('close', () => (inFlight -= 1));
      if (mode === 'single') return void trickle(res.writeHead(200, { 'content-type': 'application/dicom' }), bytesOf(SOPS.indexOf(m[1]!)));
      const boundary = 'b0undary 42';
      res.writeHead(200, { 'content-type': `multipart/related; type="application/dicom"; boundary="${boundary}"` });
      if (mode === 'stall') return void res.write(`--${boundary}\r\n`);
      const i = SOPS.indexOf(m[1]!);
      const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), bytesOf(i), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      if (mode === 'drip') {
        // One byte every 40 ms: never idle for long, but slow overall.
        let at = 0;
        const t = setInterval(() => (at < body.length ? res.write(body.subarray(at, ++at)) : (clearInterval(t), res.end())), 40);
        res.once('close', () => clearInterval(t));
        return;
      }
      void trickle(res, body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/dw`;
    client = createPacsClient({ baseUrl: new URL(base), label: 'Stand-in', authorization: () => undefined });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  afterEach(() => {
    mode = 'ok';
    maxInFlight = 0;
    accepts.length = 0;
    asked.length = 0;
  });

  it('finds the study by QIDO, then gives every instance exactly, in order, at most `parallel` at a time, asking for them as stored', async () => {
    const got = await retrieveSeries(client, SERIES, undefined, { parallel: 2 });
    expect(got?.map((g) => g.sopInstanceUID)).toEqual(SOPS);
    got!.forEach((g, i) => expect(Buffer.from(g.bytes).equals(bytesOf(i)), `instance ${i}`).toBe(true));
    expect(maxInFlight).toBe(2);
    expect(asked[0]).toBe(`/series?SeriesInstanceUID=${SERIES}&includefield=0020000D`);
    expect(new Set(accepts)).toEqual(new Set(['multipart/related; type="application/dicom"; transfer-syntax=*']));
  });

  it('uses the study it is given without a search, and asks again without transfer-syntax=* when the PACS refuses that (406)', async () => {
    mode = 'no-star';
    const got = await retrieveSeries(client, SERIES, STUDY, { parallel: 1 });
    expect(got).toHaveLength(SOPS.length);
    expect(asked.some((a) => a.startsWith('/series?'))).toBe(false);
    expect(accepts.slice(0, 2)).toEqual(['multipart/related; type="application/dicom"; transfer-syntax=*', 'multipart/related; type="application/dicom"']);
  });

  it('takes a bare application/dicom answer (no multipart) as the instance itself', async () => {
    mode = 'single';
    const got = await retrieveSeries(client, SERIES, STUDY);
    got!.forEach((g, i) => expect(Buffer.from(g.bytes).equals(bytesOf(i)), `instance ${i}`).toBe(true));
  });

  it('gives undefined for a series the PACS does not hold', async () => {
    expect(await retrieveSeries(client, '9.9.9', undefined)).toBeUndefined();
  });

  it('gives up on a PACS that stops sending (idle timeout), naming it', async () => {
    mode = 'stall';
    const t0 = Date.now();
    const e = await retrieveSeries(client, SERIES, STUDY, { idleTimeoutMs: 200 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PacsError);
    expect((e as Error).message).toBe(`The PACS at ${base} sent nothing for 0.2 s while sending instance ${SOPS[0]} of series ${SERIES}.`);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('gives up on a PACS that sends too slowly overall, naming it', async () => {
    mode = 'drip';
    const e = await retrieveSeries(client, SERIES, STUDY, { idleTimeoutMs: 1000, overallTimeoutMs: 300 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PacsError);
    expect((e as Error).message).toBe(`The PACS at ${base} did not send series ${SERIES} within 0.3 s.`);
  });

  it('stops at the byte cap: five 600-byte instances (plus their part headers) do not fit in 2000 bytes', async () => {
    const e = await retrieveSeries(client, SERIES, STUDY, { maxBytes: 2000, parallel: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PacsError);
    expect((e as Error).message).toMatch(new RegExp(`^Series ${SERIES.replace(/\./g, '\\.')} on the PACS at ${base.replace(/\./g, '\\.')} is larger than`));
  });

  it("names the PACS and quotes its error answer, and refuses an answer that is not DICOM", async () => {
    mode = 'fail';
    await expect(retrieveSeries(client, SERIES, STUDY)).rejects.toThrow(`The PACS at ${base} failed (HTTP 503) on GET /studies/${STUDY}/series/${SERIES}/instances/`);
    mode = 'html';
    await expect(retrieveSeries(client, SERIES, STUDY)).rejects.toThrow(/answered instance .* with text\/html, not DICOM/);
  });

  it('asks for nothing under a UID the PACS wrote that is not a UID (it would go into a request path)', async () => {
    // Requests of the previous test that were cut off may still be arriving: let them, then count.
    await new Promise((r) => setTimeout(r, 100));
    accepts.length = 0;
    mode = 'odd-uid';
    await expect(retrieveSeries(client, SERIES, STUDY)).rejects.toThrow(/with a UID that is not one: "1\.2\/\.\.\/\.\.\/admin"/);
    expect(accepts).toEqual([]);
  });

  it('names the PACS when it cannot be reached', async () => {
    const gone = createPacsClient({ baseUrl: new URL('http://127.0.0.1:1/dw'), label: 'x', authorization: () => undefined });
    await expect(retrieveSeries(gone, SERIES, STUDY)).rejects.toThrow(/^The PACS at http:\/\/127\.0\.0\.1:1\/dw did not answer: .*ECONNREFUSED/);
  });
});

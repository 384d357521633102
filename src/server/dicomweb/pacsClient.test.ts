import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPacsClient, type PacsClient } from './pacsClient';
import { readDicomwebConfig } from './dicomwebConfig';
import { PacsError } from './pacsError';

describe('createPacsClient', () => {
  // A stand-in PACS that answers by path and records what it was sent.
  let server: Server;
  let client: PacsClient;
  let base = '';
  const received: { url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push({ url: req.url ?? '', headers: req.headers });
      const route = (req.url ?? '').replace(/^\/dw/, '').split('?')[0];
      if (route === '/ok') res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[{"0020000D":{"vr":"UI","Value":["1.2"]}}]');
      else if (route === '/empty') res.writeHead(204).end();
      else if (route === '/missing') res.writeHead(404).end('{"Message":"no"}');
      else if (route === '/html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      else if (route === '/bad-query') res.writeHead(400, { 'content-type': 'application/json' }).end('{"Details":"bad date"}');
      else if (route === '/denied') res.writeHead(401, { 'www-authenticate': 'Basic realm="pacs"' }).end();
      else res.writeHead(500).end('boom');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/dw`;
    const config = readDicomwebConfig({ DICOMWEB_URL: base, DICOMWEB_AUTHORIZATION: 'Bearer t0ken' });
    if (!config) throw new Error('no config');
    client = createPacsClient(config);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads JSON below the DICOMweb root, sending the credentials', async () => {
    expect(await client.json('/ok?x=1')).toEqual([{ '0020000D': { vr: 'UI', Value: ['1.2'] } }]);
    expect(received.at(-1)?.url).toBe('/dw/ok?x=1');
    expect(received.at(-1)?.headers.authorization).toBe('Bearer t0ken');
  });

  it('reads 204 as no results and 404 as nothing', async () => {
    expect(await client.json('/empty')).toEqual([]);
    expect(await client.json('/missing')).toBeUndefined();
  });

  it('turns failures into 502 errors that name the PACS', async () => {
    const failure = async (p: string): Promise<PacsError> => {
      const e: unknown = await client.json(p).then(() => undefined, (x: unknown) => x);
      if (!(e instanceof PacsError)) throw new Error(`no PacsError for ${p}`);
      expect(e.status).toBe(502);
      return e;
    };
    expect((await failure('/crash')).message).toBe(`The PACS at ${base} failed (HTTP 500) on GET /crash: boom.`);
    expect((await failure('/denied')).message).toMatch(/refused our credentials \(HTTP 401\).*DICOMWEB_USER/);
    expect((await failure('/html')).message).toMatch(/not JSON/);
    expect((await failure('/bad-query')).message).toBe(`The PACS at ${base} rejected GET /bad-query (HTTP 400): {"Details":"bad date"}.`);
  });

  it('says when nothing answers', async () => {
    const config = readDicomwebConfig({ DICOMWEB_URL: 'http://127.0.0.1:1/dicom-web' });
    if (!config) throw new Error('no config');
    await expect(createPacsClient(config).json('/studies')).rejects.toThrow(
      /^The PACS at http:\/\/127\.0\.0\.1:1\/dicom-web did not answer: .*ECONNREFUSED/,
    );
  });
});

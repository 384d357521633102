import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDicomwebConfig } from './dicomwebConfig';
import { createPacsClient } from './pacsClient';
import { proxyDicomweb } from './proxyDicomweb';

/**
 * The proxy's frame path, which the viewer's first image and volume wait on. A stand-in PACS
 * behaves as Orthanc does: it gzips a frame for any client that accepts gzip (costly for a
 * 512×512 frame: 55–110 ms of its CPU each, measured on the bench CT) and records which socket
 * each request came on.
 */
describe('proxyDicomweb, frames', () => {
  let pacs: Server;
  let proxy: Server;
  let base = '';
  const seen: { headers: IncomingHttpHeaders; socket: number }[] = [];
  const sockets = new WeakMap<object, number>();
  let nextSocket = 0;
  // 4 KiB of a known pattern: byte i is i mod 251.
  const FRAME = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
  const multipart = Buffer.concat([Buffer.from('--b\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n'), FRAME, Buffer.from('\r\n--b--\r\n')]);

  beforeAll(async () => {
    pacs = createServer((req, res) => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, nextSocket++);
      seen.push({ headers: req.headers, socket: sockets.get(req.socket) ?? -1 });
      const type = 'multipart/related; type="application/octet-stream"; boundary=b';
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' }).end(gzipSync(multipart));
      else res.writeHead(200, { 'content-type': type, 'content-length': multipart.length }).end(multipart);
    });
    pacs.keepAliveTimeout = 5000;
    await new Promise<void>((r) => pacs.listen(0, '127.0.0.1', r));
    const config = readDicomwebConfig({ DICOMWEB_URL: `http://127.0.0.1:${(pacs.address() as AddressInfo).port}/dicom-web` });
    if (!config) throw new Error('no config');
    const client = createPacsClient(config);
    proxy = createServer((req, res) => {
      void proxyDicomweb(client, req, res, new URL(req.url ?? '/', 'http://localhost'));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => proxy.close(() => r()));
    pacs.closeAllConnections();
    await new Promise<void>((r) => pacs.close(() => r()));
  });

  it('never asks the PACS to compress a frame, whatever the browser accepts, and passes the bytes through unchanged', async () => {
    const res = await fetch(`${base}/dicomweb/studies/1.2/series/1.3/instances/1.4/frames/1`, {
      headers: { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*', 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(multipart)).toBe(true);
    const last = seen.at(-1);
    expect(last?.headers['accept-encoding']).toBeUndefined();
    expect(last?.headers.accept).toBe('multipart/related; type="application/octet-stream"; transfer-syntax=*');
  });

  it('keeps the connection to the PACS alive: ten frames one after another come over one socket', async () => {
    const before = seen.length;
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${base}/dicomweb/studies/1.2/series/1.3/instances/1.${i}/frames/1`);
      expect((await res.arrayBuffer()).byteLength).toBe(multipart.length);
    }
    const used = new Set(seen.slice(before).map((s) => s.socket));
    expect(seen.length - before).toBe(10);
    expect(used.size).toBe(1);
  });
});

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ServerConfig } from './config';
import type { Catalogue } from './catalogue';
import { sendError, sendJson } from './http';
import { serveStatic } from './staticFiles';
import type { RecordsRequestHandler } from './records/recordsRoutes';
import { PacsError } from './dicomweb/pacsError';
import type { Pacs } from './dicomweb/pacs';
import { isDicomwebPath, proxyDicomweb } from './dicomweb/proxyDicomweb';
import { publicConfig } from './dicomweb/publicConfig';
import { sendPacsSearch } from './dicomweb/sendPacsSearch';

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/**
 * The request handler of the one PercuPlan process: the REST API under /api, the embedded
 * sample source's files, the DICOMweb proxy under /dicomweb, and the built app for every
 * other path (client-side routes included). Studies missing from the embedded source are
 * looked up on the PACS, when one is configured.
 */
export function createApp(config: ServerConfig, catalogue: Catalogue, pacs?: Pacs, records?: RecordsRequestHandler): RequestListener {
  const uid = '([0-9.]{1,64})';
  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/health$/,
      handler: (_req, res) => sendJson(res, 200, { status: 'ok', name: 'PercuPlan', version: config.version }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/config$/,
      handler: (_req, res) => sendJson(res, 200, publicConfig(config.dicomweb, { folder: config.sampleDir, problem: catalogue.problem })),
    },
    {
      method: 'GET',
      pattern: /^\/api\/pacs\/studies$/,
      handler: (req, res) => sendPacsSearch(pacs?.source, new URL(req.url ?? '/', 'http://localhost'), res),
    },
    {
      method: 'GET',
      pattern: /^\/api\/studies$/,
      handler: (_req, res) => sendJson(res, 200, catalogue.studies()),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/studies/${uid}$`),
      handler: async (_req, res, [study]) => {
        const found = catalogue.study(study ?? '') ?? (await pacs?.source.study(study ?? ''));
        if (found) sendJson(res, 200, found);
        else sendError(res, 404, 'not-found', `No study with StudyInstanceUID ${study}`);
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/studies/${uid}/series/${uid}/instances$`),
      handler: async (_req, res, [study, series]) => {
        const found =
          catalogue.seriesInstances(study ?? '', series ?? '') ??
          (await pacs?.source.seriesInstances(study ?? '', series ?? ''));
        if (found) sendJson(res, 200, found);
        else sendError(res, 404, 'not-found', `No series ${series} in study ${study}`);
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/files/${uid}$`),
      handler: async (req, res, [sop]) => {
        const file = catalogue.fileOf(sop ?? '');
        const info = file ? await stat(file).catch(() => undefined) : undefined;
        if (!file || !info) {
          sendError(res, 404, 'not-found', `No instance with SOPInstanceUID ${sop}`);
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/dicom',
          'content-length': info.size,
          'cache-control': 'private, max-age=3600',
        });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      },
    },
  ];

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const run = async (): Promise<void> => {
      if (isDicomwebPath(url.pathname)) {
        await proxyDicomweb(pacs?.client, req, res, url);
        return;
      }
      if (records && (await records(req, res, url))) return;
      for (const route of routes) {
        const m = route.pattern.exec(url.pathname);
        if (m && route.method === method) {
          await route.handler(req, res, m.slice(1));
          return;
        }
      }
      if (url.pathname.startsWith('/api/')) {
        sendError(res, 404, 'not-found', `No API route ${req.method} ${url.pathname}`);
        return;
      }
      if (method !== 'GET') {
        sendError(res, 405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}`);
        return;
      }
      await serveStatic(req, res, config.distDir, url.pathname);
    };
    run().catch((e: unknown) => {
      if (e instanceof PacsError) {
        console.warn(`[dicomweb] ${req.method} ${url.pathname}: ${e.message}`);
        if (!res.headersSent) sendError(res, e.status, 'pacs-unavailable', e.message);
        else res.destroy();
        return;
      }
      console.error(`[server] ${req.method} ${url.pathname} failed:`, e);
      if (!res.headersSent) sendError(res, 500, 'internal-error', 'Internal error; see the server log');
      else res.destroy();
    });
  };
}

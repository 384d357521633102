import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { RequestListener } from 'node:http';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { ServerConfig } from './config';
import type { Catalogue } from './catalogue';
import { sendError } from './http';
import { createBaseApp, sendProblem, sendReply } from './fastifyBase';
import { collectRoutes } from './routeTable';
import { contentSecurityPolicy } from './securityHeaders';
import { apiNotFound, type RecordsRequestHandler } from './records/recordsRoutes';
import { localUser } from './records/requestActor';
import { HttpProblem } from './auth/actor';
import type { AuditTrail } from './auth/auditTrail';
import { PacsError } from './dicomweb/pacsError';
import type { Pacs } from './dicomweb/pacs';
import { proxyDicomweb } from './dicomweb/proxyDicomweb';
import { embeddedFrame } from './dicomweb/embeddedFrames';
import { publicConfig } from './dicomweb/publicConfig';
import { parsePacsSearch } from './dicomweb/pacsSearch';
import { studyAccessLog } from './dicomweb/studyAccessLog';
import { PROXY_PREFIX } from './dicomweb/pacsUrls';
import { isImageObject } from '../dicom/sopClasses';
import type { StudyListing } from '../dicom/studyListing';
import type { StudyGuard } from './exercises/studyGuard';

/** A Fastify plugin the app registers app-wide (auth, audit, OIDC), with its options. */
export interface AppPlugin {
  plugin: FastifyPluginAsync<never> | ((app: FastifyInstance, opts: never) => Promise<void>);
  options: unknown;
}

/** What the app is built from besides its configuration. */
export interface AppParts {
  catalogue: Catalogue;
  pacs?: Pacs;
  records?: RecordsRequestHandler;
  /** Registered before the routes, in order, with app-wide hooks (auth first). */
  plugins?: readonly AppPlugin[];
  /** Where study access is recorded (first access per session per study). */
  audit?: AuditTrail;
  /** Whether hospital sign-in (OIDC) is configured, for GET /api/config. */
  oidc?: boolean;
  /** The plan-as-DICOM routes (/api/plans/:id/dicom…, server/interop/planDicomRoutes.ts). */
  planDicom?: (app: FastifyInstance) => Promise<void>;
  /** The tumour board routes (/api/boards…, server/boards/boardsRoutes.ts). */
  boards?: (app: FastifyInstance) => Promise<void>;
  /** The key image routes (/api/cases/:id/key-images…, /api/key-images…, server/keyImages/). */
  keyImages?: (app: FastifyInstance) => Promise<void>;
  /** The teaching case routes (/api/cases/:id/teaching…, /api/teaching…, server/teaching/). */
  teaching?: (app: FastifyInstance) => Promise<void>;
  /** The planning exercise routes (/api/exercises…, server/exercises/). */
  exercises?: (app: FastifyInstance) => Promise<void>;
  /** The post-procedure routes (/api/plans/:id/post-procedure…, /api/series/:uid/volume, server/postprocedure/). */
  postProcedure?: (app: FastifyInstance) => Promise<void>;
  /** What an account may not see of the kept studies (an unknown exercise's other series), server/exercises/studyGuard.ts. */
  studyGuard?: StudyGuard;
}

const uid = z.string().regex(/^[0-9.]{1,64}$/);
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The one PercuPlan process on Fastify: the REST API under /api, the embedded sample source's
 * files, the DICOMweb proxy under /dicomweb, and the built app for every other path (client-side
 * routes included). Studies missing from the embedded source are looked up on the PACS, when
 * one is configured. Every /api and /dicomweb route declares the action it needs.
 */
export async function buildApp(config: ServerConfig, parts: AppParts): Promise<FastifyInstance> {
  const { catalogue, pacs } = parts;
  const app = await createBaseApp({ defaultActor: localUser() });
  collectRoutes(app);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    // Cornerstone's workers and WASM are same-origin; nothing here is embedded cross-origin.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    hsts: false,
  });
  await app.register(rateLimit, { global: false });
  for (const { plugin, options } of parts.plugins ?? []) await app.register(plugin as FastifyPluginAsync, options as object);

  const studyAccess = studyAccessLog(parts.audit);
  const guard = parts.studyGuard;
  const noSeries: ReadonlySet<string> = new Set();
  const hiddenSeries = (request: FastifyRequest) => (guard ? guard.hiddenSeries(request.actor) : Promise.resolve(noSeries));
  const withoutHidden = (study: StudyListing, hidden: ReadonlySet<string>): StudyListing => {
    if (hidden.size === 0 || !study.series.some((x) => hidden.has(x.seriesInstanceUID))) return study;
    const series = study.series.filter((x) => !hidden.has(x.seriesInstanceUID));
    return { ...study, series, modalities: [...new Set(series.map((x) => x.modality).filter((m): m is string => !!m))], imageCount: series.reduce((n, x) => n + x.imageCount, 0) };
  };

  app.get('/api/health', () => ({ status: 'ok', name: 'PercuPlan', version: config.version }));
  app.get('/api/config', (request) => {
    // The route is public (the sign-in page reads it): a server path is for signed-in users only.
    const anonymous = request.actor.roles.length === 0;
    const embedded = anonymous ? { folder: '', problem: catalogue.problem ? 'The embedded sample folder could not be read' : null } : { folder: config.sampleDir, problem: catalogue.problem };
    return { ...publicConfig(config.dicomweb, embedded), auth: { mode: request.actor.mode, oidc: parts.oidc ?? false } };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/api/pacs/studies', { config: { action: 'study.read' }, schema: { summary: 'Searches the PACS (one page)' } }, async (request, reply) => {
    if (!pacs) return sendProblem(reply, 404, 'not-configured', 'No PACS is configured: set DICOMWEB_URL in the server environment to search one');
    const search = parsePacsSearch(new URL(request.url, 'http://localhost').searchParams);
    if (!search.ok) return sendProblem(reply, 400, 'invalid-query', search.error);
    return sendReply(reply, { status: 200, body: await pacs.source.search(search.value) });
  });
  app.get('/api/studies', { config: { action: 'study.read' }, schema: { summary: 'The embedded studies' } }, async (request, reply) => {
    const hidden = await hiddenSeries(request);
    return sendReply(reply, { status: 200, body: catalogue.studies().map((study) => withoutHidden(study, hidden)) });
  });
  app.get(
    '/api/studies/:study',
    { config: { action: 'study.read', notFoundKind: 'study with StudyInstanceUID' }, schema: { params: z.object({ study: uid }), summary: 'One study' } },
    async (request, reply) => {
      const { study } = request.params as { study: string };
      const found = catalogue.study(study) ?? (await pacs?.source.study(study));
      if (!found) return sendProblem(reply, 404, 'not-found', `No study with StudyInstanceUID ${study}`);
      await studyAccess(request.actor, study);
      return sendReply(reply, { status: 200, body: withoutHidden(found, await hiddenSeries(request)) });
    },
  );
  app.get(
    '/api/studies/:study/series/:series/instances',
    { config: { action: 'study.read', notFoundKind: 'series' }, schema: { params: z.object({ study: uid, series: uid }), summary: "A series' instances in order" } },
    async (request, reply) => {
      const { study, series } = request.params as { study: string; series: string };
      const hidden = (await hiddenSeries(request)).has(series);
      const found = hidden ? undefined : (catalogue.seriesInstances(study, series) ?? (await pacs?.source.seriesInstances(study, series)));
      if (!found) return sendProblem(reply, 404, 'not-found', `No series ${series} in study ${study}`);
      await studyAccess(request.actor, study);
      return sendReply(reply, { status: 200, body: found });
    },
  );
  app.get(
    '/api/files/:sop',
    { config: { action: 'study.read', notFoundKind: 'instance with SOPInstanceUID' }, schema: { params: z.object({ sop: uid }), summary: 'One embedded DICOM file' } },
    async (request, reply) => {
      const { sop } = request.params as { sop: string };
      const hidden = guard ? (await guard.hiddenInstances(request.actor)).has(sop) : false;
      const file = hidden ? undefined : catalogue.fileOf(sop);
      const info = file ? await stat(file).catch(() => undefined) : undefined;
      if (!file || !info) return sendProblem(reply, 404, 'not-found', `No instance with SOPInstanceUID ${sop}`);
      reply.headers({ 'content-type': 'application/dicom', 'content-length': info.size, 'cache-control': 'private, max-age=3600' });
      return reply.send(createReadStream(file));
    },
  );
  app.get(
    '/api/files/:sop/frames/1',
    { config: { action: 'study.read', notFoundKind: 'instance with SOPInstanceUID' }, schema: { params: z.object({ sop: uid }), summary: "An embedded image's one frame, as WADO-RS answers it (multipart/related)" } },
    async (request, reply) => {
      const { sop } = request.params as { sop: string };
      const hidden = guard ? (await guard.hiddenInstances(request.actor)).has(sop) : false;
      const file = hidden ? undefined : catalogue.fileOf(sop);
      const frame = file ? await embeddedFrame(file).catch(() => undefined) : undefined;
      if (!frame) return sendProblem(reply, 404, 'not-found', `No frame of an instance with SOPInstanceUID ${sop}`);
      reply.headers(frame.headers);
      return reply.send(Readable.from(frame.body));
    },
  );

  app.get(
    '/api/studies/:study/series/:series/objects',
    { config: { action: 'study.read', notFoundKind: 'series' }, schema: { params: z.object({ study: uid, series: uid }), summary: "An embedded series' non-image objects (SEG, SR …), each fetched whole from /api/files/:sop" } },
    async (request, reply) => {
      const { study, series } = request.params as { study: string; series: string };
      const hidden = (await hiddenSeries(request)).has(series);
      const members = hidden ? undefined : catalogue.seriesFiles(series)?.filter((i) => i.header.studyInstanceUID === study);
      if (!members?.length) return sendProblem(reply, 404, 'not-found', `No embedded series ${series} in study ${study}`);
      await studyAccess(request.actor, study);
      const objects = members
        .filter((i) => !isImageObject(i.header.sopClassUID, i.header.hasPixelData))
        .map(({ header: h }) => ({ sopInstanceUID: h.sopInstanceUID, sopClassUID: h.sopClassUID, instanceNumber: h.instanceNumber ?? null, url: `/api/files/${h.sopInstanceUID}` }));
      return sendReply(reply, { status: 200, body: { objects } });
    },
  );

  // The proxy streams on the raw response (a multipart of frames is never held whole).
  const proxy = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const url = new URL(request.url, 'http://localhost');
    const raw = reply.raw;
    // Keep the security headers the hooks set so far: a hijacked reply skips Fastify's own sending.
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) raw.setHeader(k, v);
    reply.hijack();
    try {
      await proxyDicomweb(pacs?.client, request.raw, raw, url, (study) => studyAccess(request.actor, study));
    } catch (e) {
      if (raw.headersSent) {
        raw.destroy();
      } else if (e instanceof PacsError) {
        console.warn(`[dicomweb] ${request.method} ${url.pathname}: ${e.message}`);
        sendError(raw, e.status, 'pacs-unavailable', e.message);
      } else if (e instanceof HttpProblem) {
        raw.statusCode = e.status;
        raw.setHeader('content-type', 'application/json; charset=utf-8');
        raw.end(JSON.stringify(e.toBody()));
      } else {
        console.error(`[server] ${request.method} ${url.pathname} failed:`, e);
        sendError(raw, 500, 'internal-error', 'Internal error; see the server log');
      }
    }
  };
  for (const url of [PROXY_PREFIX, `${PROXY_PREFIX}/*`]) {
    app.route({
      method: [...HTTP_METHODS],
      url,
      exposeHeadRoute: false,
      config: { action: 'study.read', ignoreBody: true },
      schema: { summary: 'DICOMweb (QIDO-RS, WADO-RS) proxied to the PACS; GET and HEAD only' },
      handler: proxy,
    });
  }

  if (parts.records) await app.register(parts.records.plugin);
  if (parts.planDicom) await app.register(parts.planDicom);
  if (parts.boards) await app.register(parts.boards);
  if (parts.keyImages) await app.register(parts.keyImages);
  if (parts.teaching) await app.register(parts.teaching);
  if (parts.exercises) await app.register(parts.exercises);
  if (parts.postProcedure) await app.register(parts.postProcedure);

  const index = path.join(config.distDir, 'index.html');
  if (existsSync(config.distDir)) {
    await app.register(fastifyStatic, {
      root: config.distDir,
      cacheControl: false,
      setHeaders: (res, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (pathname.startsWith('/api/')) return sendReply(reply, apiNotFound(request.method, request.url));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendProblem(reply, 405, 'method-not-allowed', `${request.method} is not allowed on ${pathname}`);
    }
    // A client-side route (/studies/<uid>, /cases…): the app's page, which routes in the browser.
    if (!existsSync(index)) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The app is not built: run `npm start` (it builds) or `npm run build`.');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}

/**
 * The app as a plain request handler (tests serve it with `http.createServer`). Requests that
 * arrive before Fastify is ready wait for it.
 */
export function createApp(config: ServerConfig, catalogue: Catalogue, pacs?: Pacs, records?: RecordsRequestHandler): RequestListener {
  const ready = buildApp(config, { catalogue, pacs, records }).then(async (app) => {
    await app.ready();
    return app.routing as unknown as RequestListener;
  });
  return (req, res) => {
    ready.then(
      (listener) => listener(req, res),
      (e: unknown) => {
        console.error('[server] the app could not start:', e);
        sendError(res, 500, 'internal-error', 'Internal error; see the server log');
      },
    );
  };
}

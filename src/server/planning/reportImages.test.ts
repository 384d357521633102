import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDir } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { createCatalogue, type Catalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { indexFolder } from '../embeddedSource';
import { openPglite } from '../records/pgliteClient';
import { createRecordsHandler } from '../records/recordsRoutes';
import { migrateSchema } from '../records/schemaMigrations';
import { seedDemoCases } from '../records/seedDemoCases';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { securityParts, type SecurityParts } from '../securityParts';
import { reportImagesRoutes } from './reportImages';
import { createSeriesVolumes, type VolumeLookup } from './seriesVolumes';

/* The plan report's key image routes on the whole app in accounts mode, over the demo plans the server seeds on the sample CTs. */

const PASSWORD = 'correct horse battery';
let db: SqlClient;
let security: SecurityParts;
let catalogue: Catalogue;
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-reportimages-'));
const apps: FastifyInstance[] = [];
const cookies: Record<string, string> = {};
let withCt: FastifyInstance;
let withoutCt: FastifyInstance;
let plan: { id: string; version: number };

async function appWith(volumeFor: VolumeLookup): Promise<FastifyInstance> {
  const repo = createSqlRecordsRepository(db);
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  const app = await buildApp(config, {
    catalogue,
    records: createRecordsHandler(repo, { defaultActor: 'os-user', audit: security.audit }),
    plugins: security.plugins,
    audit: security.audit,
    planDicom: reportImagesRoutes({ plans: repo, volumeFor, devices: defaultCatalogue() }),
  });
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  catalogue = createCatalogue((await indexFolder(sampleDir)).instances, studyListings);
  db = await openPglite();
  await migrateSchema(db);
  const volumeFor = createSeriesVolumes(catalogue);
  await seedDemoCases(createSqlRecordsRepository(db), sampleDir, () => {}, { catalogue: defaultCatalogue(), volumeFor });
  const accounts = createAccountsRepository(db, () => new Date());
  for (const [username, role] of [['att', 'attending'], ['brd', 'board']] as const) await accounts.create({ username, name: username, roles: [role], password: PASSWORD });
  security = await securityParts({ HOST: '127.0.0.1' }, db);
  withCt = await appWith(volumeFor);
  // A server that holds no CT of the plan's series, as for a plan on local files.
  withoutCt = await appWith(async () => undefined);
  for (const u of ['att', 'brd']) {
    const res = await withCt.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: PASSWORD } });
    cookies[u] = `percuplan_session=${res.cookies.find((c) => c.name === 'percuplan_session')?.value ?? ''}`;
  }
  const cases = (await withCt.inject({ method: 'GET', url: '/api/cases', headers: { cookie: cookies.att! } })).json() as { cases: { id: string }[] };
  for (const c of cases.cases) {
    const listed = (await withCt.inject({ method: 'GET', url: `/api/cases/${c.id}/plans`, headers: { cookie: cookies.att! } })).json() as { plans: { id: string; version: number; studyInstanceUID: string | null }[] };
    const first = listed.plans.find((p) => p.studyInstanceUID);
    if (first && !plan) plan = first;
  }
}, 300_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

const get = (app: FastifyInstance, url: string, who = 'att') => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
const be32 = (b: Buffer, at: number) => b.readUInt32BE(at);

/** The RGB bytes of a PNG this encoder wrote (one IDAT, filter 0), as a check independent of the encoder. */
function pixels(png: Buffer): { width: number; height: number; rgb: Buffer } {
  const width = be32(png, 16), height = be32(png, 20);
  let at = 8;
  let idat = Buffer.alloc(0);
  while (at < png.length) {
    const len = be32(png, at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat = Buffer.concat([idat, png.subarray(at + 8, at + 8 + len)]);
    at += 12 + len;
  }
  const raw = inflateSync(idat);
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) raw.copy(rgb, y * width * 3, y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1));
  return { width, height, rgb };
}

describe('GET /api/plans/:id/report-images', () => {
  it('lists three pictures per needle with captions naming the device, the slice and the side view chosen', async () => {
    const res = await get(withCt, `/api/plans/${plan.id}/report-images`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { version: number; images: { needle: number; view: string; caption: string; url: string; width: number }[] };
    expect(body.version).toBe(plan.version);
    expect(body.images.length).toBeGreaterThanOrEqual(3);
    expect(body.images.length % 3).toBe(0);
    const first = body.images.filter((i) => i.needle === 0);
    expect(first.map((i) => i.view)).toEqual(['axial', expect.stringMatching(/^(sagittal|coronal)$/), 'probe']);
    expect(first[0]!.caption).toMatch(/^Needle 1 .*\(.+\): axial at the target, slice \d+\/\d+$/);
    expect(first[1]!.caption).toContain(`the needle lies closer to the ${first[1]!.view} plane`);
    expect(first[0]!.url).toBe(`/api/plans/${plan.id}/report-images/0/axial.png?version=${plan.version}`);
    expect(first[0]!.width).toBe(512);
  });

  it('answers a 512×512 PNG with CT greys and overlay colours, to an attending and to a board account', async () => {
    for (const who of ['att', 'brd']) {
      const res = await get(withCt, `/api/plans/${plan.id}/report-images/0/axial.png?version=${plan.version}`, who);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      const png = Buffer.from(res.rawPayload);
      expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const { width, height, rgb } = pixels(png);
      expect([width, height]).toEqual([512, 512]);
      const greys = new Set<number>();
      let yellow = 0;
      for (let i = 0; i < rgb.length; i += 3) {
        if (rgb[i] === rgb[i + 1] && rgb[i] === rgb[i + 2]) greys.add(rgb[i]!);
        if (rgb[i] === 255 && rgb[i + 1] === 212 && rgb[i + 2] === 59) yellow++;
      }
      expect(greys.size).toBeGreaterThan(50); // a CT, not a blank
      expect(yellow).toBeGreaterThan(20); // the needle drawn
    }
  });

  it('draws every view of needle 0, and the same bytes again for the same version', async () => {
    for (const view of ['sagittal', 'coronal', 'probe']) {
      const res = await get(withCt, `/api/plans/${plan.id}/report-images/0/${view}.png`);
      expect(res.statusCode).toBe(200);
      expect(pixels(Buffer.from(res.rawPayload)).width).toBe(512);
    }
    const a = await get(withCt, `/api/plans/${plan.id}/report-images/0/probe.png?version=${plan.version}`);
    const b = await get(withCt, `/api/plans/${plan.id}/report-images/0/probe.png?version=${plan.version}`);
    expect(Buffer.from(a.rawPayload).equals(Buffer.from(b.rawPayload))).toBe(true);
  });

  it('refuses: 400 unknown view, 404 unknown plan, version or needle, 409 without the CT', async () => {
    expect((await get(withCt, `/api/plans/${plan.id}/report-images/0/oblique.png`)).statusCode).toBe(400);
    expect((await get(withCt, `/api/plans/${plan.id}/report-images/0/axial.jpg`)).statusCode).toBe(400);
    expect((await get(withCt, `/api/plans/00000000-0000-4000-8000-000000000000/report-images/0/axial.png`)).statusCode).toBe(404);
    expect((await get(withCt, `/api/plans/${plan.id}/report-images/99/axial.png`)).statusCode).toBe(404);
    expect((await get(withCt, `/api/plans/${plan.id}/report-images/0/axial.png?version=999`)).statusCode).toBe(404);
    expect((await get(withCt, `/api/plans/${plan.id}/report-images?version=0`)).statusCode).toBe(400);
    const noCt = await get(withoutCt, `/api/plans/${plan.id}/report-images/0/axial.png`);
    expect(noCt.statusCode).toBe(409);
    expect(noCt.json()).toMatchObject({ error: expect.stringMatching(/does not hold the CT/) });
    expect((await get(withoutCt, `/api/plans/${plan.id}/report-images`)).statusCode).toBe(409);
  });

  it('is refused without a session (401)', async () => {
    expect((await withCt.inject({ method: 'GET', url: `/api/plans/${plan.id}/report-images` })).statusCode).toBe(401);
  });
});

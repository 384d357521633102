// Test support (imported by the boards suites only): the whole app over a database, with the board routes on an injected clock.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { caseContentSchema } from '../../records';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { createCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { createRecordsHandler } from '../records/recordsRoutes';
import type { RecordsRepository } from '../records/recordsRepository';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { securityParts } from '../securityParts';
import { boardsRoutes } from './boardsRoutes';
import { createBoardsRepository } from './boardsRepository';

const PASSWORD = 'correct horse battery';

/** An answer as the suites read it. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Record<string, unknown>;
}

/** The app, its records, the board clock, and a way to call it as one of the accounts. */
export interface BoardsTestApp {
  app: FastifyInstance;
  records: RecordsRepository;
  caseIds: string[];
  /** Sets the time the board routes see (decisions, discussion spans, comments). */
  setTime(iso: string): void;
  call(who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * Builds the app over `db` with three cases (BM-001…003). With `accounts`, creates them
 * (username → roles; the display name is the username capitalised) and signs each in, so the
 * app runs in accounts mode; without, it runs in single-user mode and `who` is ignored.
 */
export async function boardsTestApp(db: SqlClient, accounts: Record<string, ('attending' | 'trainee' | 'board')[]>): Promise<BoardsTestApp> {
  const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-board-decisions-'));
  const repo = createAccountsRepository(db, () => new Date());
  for (const [username, roles] of Object.entries(accounts)) {
    await repo.create({ username, name: username[0]?.toUpperCase() + username.slice(1), roles, password: PASSWORD });
  }
  const security = await securityParts({ HOST: '127.0.0.1' }, db);
  const records = createSqlRecordsRepository(db);
  const caseIds: string[] = [];
  for (const pseudonym of ['BM-001', 'BM-002', 'BM-003']) caseIds.push((await records.createCase(caseContentSchema.parse({ patient: { pseudonym } }), 'seed')).id);
  let now = new Date('2026-12-10T09:00:00.000Z');
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir: temp, distDir: path.join(temp, 'no-dist'), version: 'test' };
  const app = await buildApp(config, {
    catalogue: createCatalogue([], studyListings),
    records: createRecordsHandler(records, { defaultActor: 'os-user', audit: security.audit }),
    plugins: security.plugins,
    audit: security.audit,
    boards: boardsRoutes(createBoardsRepository(db, randomUUID, () => now), { audit: security.audit, cases: records }),
  });
  await app.ready();
  const sessions = new Map<string, Record<string, string>>();
  for (const username of Object.keys(accounts)) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login of ${username}: ${res.statusCode}`);
    const cookie = res.cookies.find((c) => c.name === 'percuplan_session');
    sessions.set(username, { cookie: `percuplan_session=${cookie?.value ?? ''}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken });
  }
  return {
    app,
    records,
    caseIds,
    setTime: (iso) => {
      now = new Date(iso);
    },
    async call(who, method, url, payload, headers = {}) {
      const res = await app.inject({ method, url, headers: { ...(sessions.get(who) ?? {}), ...headers }, ...(payload ? { payload } : {}) });
      return { status: res.statusCode, headers: res.headers, body: (res.body ? res.json() : {}) as Record<string, unknown> };
    },
    async close() {
      await app.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../auth/auditTrail';
import type { MutableCatalogue } from '../catalogue';
import type { Pacs } from '../dicomweb/pacs';
import type { RecordsRepository } from '../records/recordsRepository';
import type { SqlClient } from '../records/sqlClient';
import { createTeachingMaker, type TeachingMaker } from './makeTeachingCase';
import { createTeachingFileStore, type TeachingFileStoreHandle } from './teachingFileStore';
import { createTeachingRepository } from './teachingRepository';
import { teachingRoutes, type TeachingRoutesDeps } from './teachingRoutes';
import type { TeachingRepository } from './teachingParts';
import { teachingTransferRoutes } from './transfer/transferRoutes';

/** What the server has that the teaching routes use. */
export interface TeachingParts {
  readonly db: SqlClient;
  /** DATA_DIR: the de-identified files go under DATA_DIR/teaching/. */
  readonly dataDir: string;
  /** The server's catalogue; the teaching files join it so they are served like the embedded source. */
  readonly catalogue: MutableCatalogue;
  readonly cases: Pick<RecordsRepository, 'getCase' | 'listPlans'>;
  readonly pacs?: Pacs;
  /** The teaching PACS (TEACHING_DICOMWEB_URL), when configured. */
  readonly teachingPacs?: Pacs;
  readonly audit?: AuditTrail;
  readonly softwareVersion: string;
  /** How many exercises use a teaching case (server/exercises/ may give it; default 0). */
  readonly exerciseCount?: (teachingCaseId: string) => Promise<number>;
  /** Teaching cases an open unknown exercise keeps from an account (server/exercises/ gives it). */
  readonly hidden?: TeachingRoutesDeps['hidden'];
}

/** The routes plus the pieces other parts build on (the exercises seed the reference cases with `maker.make`). */
export interface TeachingServer {
  readonly routes: (app: FastifyInstance) => Promise<void>;
  readonly repo: TeachingRepository;
  readonly files: TeachingFileStoreHandle;
  readonly maker: TeachingMaker;
}

/**
 * The teaching case server (issue 15) over one repository and one file store: its own routes
 * and the export, import and teaching-PACS routes. Call `files.indexAll()` once at start, before
 * the server listens, so teaching files written before a restart are served again.
 */
export function teachingServer(parts: TeachingParts): TeachingServer {
  const repo = createTeachingRepository(parts.db);
  const files = createTeachingFileStore(parts.dataDir, parts.catalogue);
  const maker = createTeachingMaker({ catalogue: parts.catalogue, pacs: parts.pacs, cases: parts.cases, repo, files });
  const own = teachingRoutes({ repo, maker, audit: parts.audit, exerciseCount: parts.exerciseCount, hidden: parts.hidden });
  const transfer = teachingTransferRoutes({ repo, files, teachingPacs: parts.teachingPacs, audit: parts.audit, softwareVersion: parts.softwareVersion });
  return {
    repo,
    files,
    maker,
    routes: async (app) => {
      await own(app);
      await transfer(app);
    },
  };
}

/**
 * The teaching server as the server runs it: `routes` is AppParts.teaching; `repo`, `files` and
 * `maker` are for the exercises (which seed the reference cases). The teaching files already on
 * disk are indexed into the catalogue first (logged with the time it took).
 */
export async function teachingFor(parts: TeachingParts): Promise<TeachingServer> {
  const server = teachingServer(parts);
  const t0 = performance.now();
  const found = await server.files.indexAll();
  for (const f of found.failures) console.warn(`[teaching] skipped ${f.file}: ${f.reason}`);
  console.log(`[teaching] indexed ${found.files} de-identified files in ${(performance.now() - t0).toFixed(0)} ms`);
  return server;
}

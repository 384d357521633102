import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../auth/auditTrail';
import type { RecordsRepository } from '../records/recordsRepository';
import type { SqlClient } from '../records/sqlClient';
import { createAnalysisPool, type AnalysisPool, type AnalysisPoolOptions } from './analysisPool';
import { createAssessmentsRepository } from './assessmentsRepository';
import { postProcedureRoutes } from './postProcedureRoutes';
import type { SeriesSources } from './seriesLookup';
import { seriesVolumeRoute } from './seriesVolumeRoute';

/** What the server has that the post-procedure routes use. */
export interface PostProcedureParts extends SeriesSources {
  readonly db: SqlClient;
  readonly records: Pick<RecordsRepository, 'getPlan' | 'getCase'>;
  readonly audit?: AuditTrail;
  readonly pool?: AnalysisPoolOptions;
  /** A pool made by the caller (who then ends it); default one of this app's, ended with it. */
  readonly analysisPool?: AnalysisPool;
}

/**
 * The post-procedure routes as the server runs them (AppParts.postProcedure): the analysis and
 * assessment routes over one repository and one analysis worker (ended when the app closes),
 * and the series volume download.
 */
export function postProcedureFor(parts: PostProcedureParts): (app: FastifyInstance) => Promise<void> {
  const assessments = createAssessmentsRepository(parts.db);
  return async (app) => {
    const owned = parts.analysisPool ? undefined : createAnalysisPool(parts.pool);
    const pool = parts.analysisPool ?? owned!;
    if (owned) app.addHook('onClose', () => owned.close());
    await postProcedureRoutes({ ...parts, assessments, pool })(app);
    await seriesVolumeRoute(parts, parts.audit)(app);
  };
}

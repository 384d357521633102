import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../../auth/auditTrail';
import type { Pacs } from '../../dicomweb/pacs';
import type { TeachingFileStore, TeachingRepository } from '../teachingParts';

/** What the export, import and teaching-PACS routes use. */
export interface TeachingTransferDeps {
  readonly repo: TeachingRepository;
  readonly files: TeachingFileStore;
  /** The teaching PACS (TEACHING_DICOMWEB_URL), when configured. */
  readonly teachingPacs?: Pacs;
  readonly audit?: AuditTrail;
  readonly softwareVersion: string;
}

/**
 * `GET /api/teaching/:id/export`, `POST /api/teaching/import`, `POST /api/teaching/:id/pacs`.
 * (Stub of the contract: the routes land with the transfer work.)
 */
export function teachingTransferRoutes(deps: TeachingTransferDeps): (app: FastifyInstance) => Promise<void> {
  void deps;
  return async () => {};
}

import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../auth/auditTrail';
import type { Catalogue } from '../catalogue';
import type { Pacs } from '../dicomweb/pacs';
import { createReferencedCtLookup } from '../interop/referencedCt';
import type { SqlClient } from '../records/sqlClient';
import { createKeyImagesRepository } from './keyImagesRepository';
import { keyImagesDicomRoutes } from './keyImagesDicomRoutes';
import { keyImagesRoutes } from './keyImagesRoutes';

/** What the server has that the key image routes use. */
export interface KeyImagesParts {
  readonly db: SqlClient;
  /** The embedded source (CTs of the sample studies). */
  readonly catalogue: Pick<Catalogue, 'seriesFiles'>;
  readonly pacs?: Pacs;
  readonly audit?: AuditTrail;
  readonly softwareVersion: string;
}

/** The key image routes as the server runs them (AppParts.keyImages): records and DICOM export over one repository. */
export function keyImagesFor(parts: KeyImagesParts): (app: FastifyInstance) => Promise<void> {
  const repo = createKeyImagesRepository(parts.db);
  const records = keyImagesRoutes(repo, { audit: parts.audit });
  const dicom = keyImagesDicomRoutes({
    repo,
    referencedCt: createReferencedCtLookup({ catalogue: parts.catalogue, pacs: parts.pacs }),
    pacs: parts.pacs,
    audit: parts.audit,
    softwareVersion: parts.softwareVersion,
  });
  return async (app) => {
    await records(app);
    await dicom(app);
  };
}

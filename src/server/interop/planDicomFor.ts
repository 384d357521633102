import type { FastifyInstance } from 'fastify';
import { exportPlanDicom } from '../../interop/exportPlan';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { AuditTrail } from '../auth/auditTrail';
import type { Catalogue } from '../catalogue';
import type { Pacs } from '../dicomweb/pacs';
import type { RecordsRepository } from '../records/recordsRepository';
import { planDicomRoutes } from './planDicomRoutes';
import { createReferencedCtLookup } from './referencedCt';

/** What the server has that the plan DICOM routes use. */
export interface PlanDicomParts {
  readonly plans: Pick<RecordsRepository, 'getPlan' | 'planVersion'>;
  /** The embedded source (the CT of plans on the sample studies). */
  readonly catalogue: Pick<Catalogue, 'seriesFiles'>;
  readonly pacs?: Pacs;
  readonly audit?: AuditTrail;
  /** The devices the plans were drawn with (named in the SR). */
  readonly devices: DeviceCatalogue;
  readonly softwareVersion: string;
}

/** The plan DICOM routes as the server runs them: the real exporter, CTs from the embedded source or the PACS. */
export function planDicomFor(parts: PlanDicomParts): (app: FastifyInstance) => Promise<void> {
  return planDicomRoutes({
    plans: parts.plans,
    pacs: parts.pacs,
    audit: parts.audit,
    referencedCt: createReferencedCtLookup({ catalogue: parts.catalogue, pacs: parts.pacs }),
    exportPlan: exportPlanDicom,
    catalogue: parts.devices,
    softwareVersion: parts.softwareVersion,
  });
}

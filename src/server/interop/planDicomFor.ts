import type { FastifyInstance } from 'fastify';
import { exportPlanDicom } from '../../interop/exportPlan';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { AuditTrail } from '../auth/auditTrail';
import type { Catalogue } from '../catalogue';
import type { Pacs } from '../dicomweb/pacs';
import type { RecordsRepository } from '../records/recordsRepository';
import { pacsSeriesVolume } from '../planning/pacsSeriesVolume';
import { reportImagesRoutes } from '../planning/reportImages';
import { createSeriesVolumes, type VolumeLookup } from '../planning/seriesVolumes';
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
  /** The CTs of series for the plan report's key images (default: a lookup of its own over the embedded source and the PACS, one CT kept). */
  readonly volumeFor?: VolumeLookup;
}

/** The plan DICOM routes as the server runs them (the real exporter, CTs from the embedded source or the PACS), and the plan report's key images. */
export function planDicomFor(parts: PlanDicomParts): (app: FastifyInstance) => Promise<void> {
  const dicom = planDicomRoutes({
    plans: parts.plans,
    pacs: parts.pacs,
    audit: parts.audit,
    referencedCt: createReferencedCtLookup({ catalogue: parts.catalogue, pacs: parts.pacs }),
    exportPlan: exportPlanDicom,
    catalogue: parts.devices,
    softwareVersion: parts.softwareVersion,
  });
  // The plan report's key images (/api/plans/:id/report-images…) ride on this plugin: same plans, same CT sources.
  const volumeFor = parts.volumeFor ?? createSeriesVolumes(parts.catalogue, { capacity: 1, ...(parts.pacs ? { remote: pacsSeriesVolume(parts.pacs.client) } : {}) });
  const images = reportImagesRoutes({ plans: parts.plans, volumeFor, devices: parts.devices });
  return async (app) => {
    await dicom(app);
    await images(app);
  };
}

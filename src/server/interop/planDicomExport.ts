import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { ExportedObject, PlanExportInput } from '../../interop/exportTypes';
import { planItemIds } from '../../interop/planItemIds';
import { planDicomUids } from '../../interop/planUids';
import type { PlanDocument } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import type { CtProblem, ReferencedCtLookup } from './referencedCt';

// Shared with the browser's export of plans on local files: one rule, in interop/.
export { planItemIds };

/** Writes a plan version's SEG and SR (src/interop/exportPlan.ts), or says why it cannot. */
export type PlanExporter = (input: PlanExportInput) => Result<ExportedObject[], string[]>;

/** What exporting a stored plan needs besides the plan. */
export interface PlanDicomDeps {
  readonly referencedCt: ReferencedCtLookup;
  readonly exportPlan: PlanExporter;
  readonly catalogue: DeviceCatalogue;
  /** PercuPlan's version, written as SoftwareVersions. */
  readonly softwareVersion: string;
}

/** Why a stored plan gives no DICOM: the CT is not held (409), or the exporter refused (422, its messages). */
export interface ExportProblem extends CtProblem {
  readonly messages?: readonly string[];
}

/**
 * The DICOM objects of one stored plan version: its CT found (embedded or PACS), its UIDs
 * derived from its id and version (so the same version always gives the same bytes, and a
 * PACS that keeps the first copy of an instance loses nothing), then the exporter. A PACS
 * failure while looking for the CT rejects with its PacsError.
 */
export async function exportStoredPlan(plan: PlanDocument, deps: PlanDicomDeps): Promise<Result<ExportedObject[], ExportProblem>> {
  const ct = await deps.referencedCt({ studyInstanceUID: plan.studyInstanceUID, seriesInstanceUID: plan.seriesInstanceUID });
  if (!ct.ok) return ct;
  const uids = await planDicomUids(plan.id, plan.version, planItemIds(plan.content));
  const written = deps.exportPlan({ plan, ct: ct.value, catalogue: deps.catalogue, uids, softwareVersion: deps.softwareVersion });
  if (!written.ok) {
    const messages = written.error;
    return err({
      status: 422,
      code: 'not-exportable',
      error: `Version ${plan.version} of plan ${plan.id} cannot be written as DICOM: ${messages.slice(0, 3).join('; ')}${messages.length > 3 ? ` (and ${messages.length - 3} more)` : ''}`,
      messages,
    });
  }
  return ok(written.value);
}

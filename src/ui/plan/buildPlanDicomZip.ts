import type { InstanceHeader } from '../../dicom/instanceHeader';
import { isCtSlice } from '../../interop/ctSlices';
import { exportPlanDicom } from '../../interop/exportPlan';
import type { ExportedObject } from '../../interop/exportTypes';
import { decodePart10 } from '../../interop/part10';
import { patientStudyOf } from '../../interop/patientStudy';
import { planZip, zipFileName } from '../../interop/planDicomZip';
import { planItemIds } from '../../interop/planItemIds';
import { planDicomUids } from '../../interop/planUids';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { PlanDocument } from '../../records';
import { err, ok, type Result } from '../../shared/result';

/** What a plan version's DICOM zip is built from when the browser, not the server, holds its CT. */
export interface PlanDicomZipInput {
  /** The stored plan version as the server answers it (its recomputed metrics included). */
  readonly plan: PlanDocument;
  /** The headers of every instance of the plan's series held here (non-slices are left out). */
  readonly headers: readonly InstanceHeader[];
  /** One CT slice file of the series, whose patient and study attributes the SEG and SR copy. */
  readonly ctFile: { readonly name: string; readonly bytes: Uint8Array };
  readonly catalogue: DeviceCatalogue;
  /** The server's version (GET /api/health), written as SoftwareVersions as the server would. */
  readonly softwareVersion: string;
}

/** A plan version's zip, named as the server's Content-Disposition names it. */
export interface PlanDicomZip {
  readonly fileName: string;
  readonly zip: Uint8Array;
  readonly objects: readonly ExportedObject[];
}

/**
 * A plan version's SEG and SR zipped exactly as GET /api/plans/:id/dicom zips them (the same
 * attribute pick, item ids, UIDs, exporter, zip and name from interop/), from a CT the browser
 * holds: the same version on the same CT gives the same bytes on either side. A refusal is a
 * sentence worded like the server's.
 */
export async function buildPlanDicomZip(input: PlanDicomZipInput): Promise<Result<PlanDicomZip, string>> {
  const { plan } = input;
  const slices = input.headers.filter(isCtSlice);
  if (!slices.length) return err(`Series ${plan.seriesInstanceUID} holds no CT slice here, so the plan's DICOM cannot reference it`);
  const decoded = decodePart10(input.ctFile.bytes, input.ctFile.name);
  if (!decoded.ok) return err(decoded.error);
  const uids = await planDicomUids(plan.id, plan.version, planItemIds(plan.content));
  const written = exportPlanDicom({
    plan,
    ct: { slices, patientStudy: patientStudyOf(decoded.value.dataset) },
    catalogue: input.catalogue,
    uids,
    softwareVersion: input.softwareVersion,
  });
  if (!written.ok) {
    const messages = written.error;
    const more = messages.length > 3 ? ` (and ${messages.length - 3} more)` : '';
    return err(`Version ${plan.version} of plan ${plan.id} cannot be written as DICOM: ${messages.slice(0, 3).join('; ')}${more}`);
  }
  return ok({ fileName: zipFileName(plan), zip: planZip(written.value, plan.updatedAt), objects: written.value });
}

import { api } from '../../api/client';
import { fetchParsed } from '../../api/apiProblem';
import type { PlanDicomDownload } from '../../api/plans';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { localStudies } from '../../imaging';
import { isCtSlice } from '../../interop/ctSlices';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { planDocumentSchema, type PlanDocument } from '../../records';
import { buildPlanDicomZip } from './buildPlanDicomZip';

/** The plan's series as the plan names it. */
type PlanSeries = Pick<PlanDocument, 'studyInstanceUID' | 'seriesInstanceUID'>;

/** A file of the plan's series read from local files in this tab. */
interface LocalFile {
  readonly path: string;
  readonly header: InstanceHeader;
  readonly url: string;
}

/** The local files of a plan's series (its study too, when the plan names one). */
function localFilesOf(plan: PlanSeries): LocalFile[] {
  return localStudies
    .files()
    .filter((f) => f.header.seriesInstanceUID === plan.seriesInstanceUID && (plan.studyInstanceUID === null || f.header.studyInstanceUID === plan.studyInstanceUID));
}

/**
 * Whether this tab holds the plan's CT from local files (dropped, never uploaded): the server
 * cannot write DICOM referencing a series it does not hold, so the browser writes it.
 */
export const holdsPlanCtLocally = (plan: PlanSeries): boolean => localFilesOf(plan).some((f) => isCtSlice(f.header));

/** What the browser is doing, for the button's label. */
export type LocalExportStage = 'plan' | 'ct' | 'write';

/**
 * A saved plan version's SEG and SR zipped in the browser from the CT held here, byte for byte
 * what GET /api/plans/:id/dicom gives for the same CT: the version as the server stored it
 * (its recomputed metrics; GET /api/plans/:id/versions/:n), the server's version for
 * SoftwareVersions, the slice headers and one slice file read back from its object URL. The
 * device catalogue is the shipped one, as on the server. Rejects with the reason when any step fails.
 */
export async function buildLocalPlanDicom(plan: Pick<PlanDocument, 'id' | 'version'> & PlanSeries, onStage: (stage: LocalExportStage) => void = () => undefined): Promise<PlanDicomDownload> {
  onStage('plan');
  const id = encodeURIComponent(plan.id);
  const [stored, health] = await Promise.all([
    fetchParsed('GET /api/plans/:id/versions/:n', `/api/plans/${id}/versions/${plan.version}`, planDocumentSchema, { headers: { accept: 'application/json' } }),
    api.health(),
  ]);
  onStage('ct');
  const files = localFilesOf(stored);
  const first = files.find((f) => isCtSlice(f.header));
  if (!first) throw new Error(`The CT series ${stored.seriesInstanceUID} of this plan is no longer open from local files: drop its folder again`);
  let bytes: Uint8Array;
  try {
    const res = await fetch(first.url);
    if (!res.ok) throw new Error(`status ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new Error(`The local CT file ${first.path} could not be read again (${e instanceof Error ? e.message : String(e)}): drop its folder again`);
  }
  onStage('write');
  // Let the label paint before the SEG's masks are encoded on this thread.
  await new Promise((r) => setTimeout(r, 0));
  const built = await buildPlanDicomZip({
    plan: stored,
    headers: files.map((f) => f.header),
    ctFile: { name: first.path, bytes },
    catalogue: defaultCatalogue(),
    softwareVersion: health.version,
  });
  if (!built.ok) throw new Error(built.error);
  return { blob: new Blob([new Uint8Array(built.value.zip)], { type: 'application/zip' }), fileName: built.value.fileName };
}

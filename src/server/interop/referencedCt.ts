import { readFile } from 'node:fs/promises';
import { headerFromDicomJson } from '../../dicom/headerFromDicomJson';
import { jsonString, type DicomJsonDataset } from '../../dicom/dicomJson';
import { isCtSlice } from '../../interop/ctSlices';
import type { ReferencedCt } from '../../interop/exportTypes';
import { decodePart10 } from '../../interop/part10';
import { err, ok, type Result } from '../../shared/result';
import type { Catalogue } from '../catalogue';
import type { Pacs } from '../dicomweb/pacs';
import { patientStudyOf, patientStudyOfDicomJson } from './patientStudy';

/** Why a plan's CT cannot be referenced: the answer the API gives (status, code, sentence). */
export interface CtProblem {
  readonly status: number;
  readonly code: string;
  readonly error: string;
}

/** The series a plan was drawn on, as the plan names it. */
export interface PlanSeriesRef {
  readonly studyInstanceUID: string | null;
  readonly seriesInstanceUID: string;
}

/** Finds the CT a plan's DICOM objects reference; a PACS failure rejects with its PacsError. */
export type ReferencedCtLookup = (series: PlanSeriesRef) => Promise<Result<ReferencedCt, CtProblem>>;

/** Where the CT may be found. */
export interface ReferencedCtSources {
  readonly catalogue: Pick<Catalogue, 'seriesFiles'>;
  readonly pacs?: Pick<Pacs, 'client' | 'source'>;
  /** Reads a file of the embedded source (default fs.readFile). */
  readonly readBytes?: (file: string) => Promise<Uint8Array>;
}

/** Single-frame images only (one rule with the browser's export of plans on local files). */
const isSlice = isCtSlice;

function notHeld(series: string, pacs: boolean): CtProblem {
  const where = pacs ? 'neither in its embedded sample folder nor on the configured PACS' : 'in its embedded sample folder, and no PACS is configured';
  return {
    status: 409,
    code: 'series-not-held',
    error:
      `The server does not hold series ${series} (${where}), so it cannot write DICOM that references it: ` +
      'plans on local files export from the server once their CT is there. Send the series to the PACS ' +
      '(or copy it into the sample folder), open it from there, and save the plan on it.',
  };
}

async function fromEmbedded(series: string, sources: ReferencedCtSources): Promise<Result<ReferencedCt, CtProblem> | undefined> {
  const instances = sources.catalogue.seriesFiles(series)?.filter((i) => isSlice(i.header));
  if (!instances?.length) return undefined;
  const first = instances[0]!;
  const read = sources.readBytes ?? ((f: string) => readFile(f));
  const bytes = await read(first.file).catch((e: unknown) => e as Error);
  if (bytes instanceof Error) {
    return err({ status: 500, code: 'internal-error', error: `The CT file ${first.file} of series ${series} could not be read: ${bytes.message}` });
  }
  const decoded = decodePart10(bytes, first.file);
  if (!decoded.ok) return err({ status: 500, code: 'internal-error', error: decoded.error });
  return ok({ slices: instances.map((i) => i.header), patientStudy: patientStudyOf(decoded.value.dataset) });
}

/** The study of a series on the PACS (QIDO-RS), for a plan saved without its study UID. */
async function studyOnPacs(pacs: Pick<Pacs, 'client'>, series: string): Promise<string | undefined> {
  const json = await pacs.client.json(`/series?SeriesInstanceUID=${encodeURIComponent(series)}&includefield=0020000D`);
  const first = Array.isArray(json) ? (json[0] as DicomJsonDataset | undefined) : undefined;
  return first ? jsonString(first, '0020000D') : undefined;
}

async function fromPacs(plan: PlanSeriesRef, pacs: Pick<Pacs, 'client' | 'source'>): Promise<Result<ReferencedCt, CtProblem> | undefined> {
  const study = plan.studyInstanceUID ?? (await studyOnPacs(pacs, plan.seriesInstanceUID));
  if (!study) return undefined;
  const found = await pacs.source.seriesInstances(study, plan.seriesInstanceUID);
  const metadata = (found?.instances ?? []).map((i) => i.metadata).filter((m): m is Record<string, unknown> => m !== undefined);
  const images = metadata.map((m) => ({ json: m, header: headerFromDicomJson(m) })).filter((x) => isSlice(x.header));
  if (!images.length) return undefined;
  return ok({ slices: images.map((x) => x.header), patientStudy: patientStudyOfDicomJson(images[0]!.json) });
}

/**
 * The CT of a plan's series as the exporter references it: its single-frame image headers and
 * the Patient, General Study and Patient Study attributes of one of its files, from the
 * embedded source when it holds the series, else from the PACS's WADO-RS metadata. A series
 * neither holds is a 409 saying what the user can do.
 */
export function createReferencedCtLookup(sources: ReferencedCtSources): ReferencedCtLookup {
  return async (plan) => {
    const embedded = await fromEmbedded(plan.seriesInstanceUID, sources);
    if (embedded) return embedded;
    const pacs = sources.pacs ? await fromPacs(plan, sources.pacs) : undefined;
    return pacs ?? err(notHeld(plan.seriesInstanceUID, sources.pacs !== undefined));
  };
}

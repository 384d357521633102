import type { StudyListing, SeriesInstances } from '../../dicom/studyListing';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import type { DicomJsonDataset } from '../../dicom/dicomJson';
import { headerFromDicomJson } from '../../dicom/headerFromDicomJson';
import { readDicomBytes } from '../../dicom/readDicomBytes';
import { classifySopClass } from '../../dicom/sopClasses';
import { localStudies } from '../localStudies';
import { inflateRawSync } from '../inflate';
import { multipartParts } from './multipartParts';

/** Where the browser reaches the PACS: the server's DICOMweb proxy (server/dicomweb/pacsUrls). */
const PROXY = '/dicomweb';

/** A SEG or SR instance of a series, before its bytes are fetched. */
export interface ObjectRef {
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
  readonly seriesInstanceUID: string;
  /** The file's path for local files, else the series description and the instance number. */
  readonly name: string;
  load(): Promise<Uint8Array>;
}

/** True for the objects the viewer reads back: segmentations and structured reports. */
export const isSegOrSr = (sopClassUID: string): boolean => {
  const c = classifySopClass(sopClassUID).category;
  return c === 'segmentation' || c === 'structured-report';
};

async function fetchBytes(url: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

/** One whole instance from the PACS: WADO-RS retrieve through the proxy, a one-part multipart answer. */
async function wadoInstance(study: string, series: string, sop: string): Promise<Uint8Array> {
  const res = await fetchBytes(`${PROXY}/studies/${study}/series/${series}/instances/${sop}`, {
    headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
  });
  const parts = multipartParts(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type') ?? '');
  if (!parts[0]) throw new Error(`the PACS answered no part for instance ${sop}`);
  return parts[0];
}

/** The series' instances as the PACS describes them (WADO-RS metadata through the proxy). */
async function pacsHeaders(study: string, series: string): Promise<InstanceHeader[]> {
  const res = await fetchBytes(`${PROXY}/studies/${study}/series/${series}/metadata`, { headers: { accept: 'application/dicom+json' } });
  const json = (await res.json()) as unknown;
  if (!Array.isArray(json)) throw new Error(`the metadata of series ${series} is not a JSON array`);
  return (json as DicomJsonDataset[]).map(headerFromDicomJson);
}

/**
 * The SEG and SR instances of one series, from whichever source holds the study: the files
 * read in this tab, the PACS (metadata, then each instance by WADO-RS through the proxy), or
 * the server's embedded folder (its list of the series' non-image objects, then each file).
 */
export async function listSeriesObjects(study: StudyListing, seriesInstanceUID: string): Promise<ObjectRef[]> {
  const s = study.studyInstanceUID;
  if (study.source === 'local') {
    return localStudies
      .files()
      .filter((f) => f.header.studyInstanceUID === s && f.header.seriesInstanceUID === seriesInstanceUID && isSegOrSr(f.header.sopClassUID))
      .map((f) => ({
        sopInstanceUID: f.header.sopInstanceUID,
        sopClassUID: f.header.sopClassUID,
        seriesInstanceUID,
        name: f.path.split('/').pop() ?? f.path,
        load: async () => new Uint8Array(await (await fetchBytes(f.url)).arrayBuffer()),
      }));
  }
  if (study.source === 'dicomweb') {
    const listing = study.series.find((x) => x.seriesInstanceUID === seriesInstanceUID);
    return (await pacsHeaders(s, seriesInstanceUID))
      .filter((h) => isSegOrSr(h.sopClassUID))
      .map((h) => ({
        sopInstanceUID: h.sopInstanceUID,
        sopClassUID: h.sopClassUID,
        seriesInstanceUID,
        name: `${h.seriesDescription ?? listing?.seriesDescription ?? 'Series'} #${h.instanceNumber ?? '?'}`,
        load: () => wadoInstance(s, seriesInstanceUID, h.sopInstanceUID),
      }));
  }
  return embeddedObjects(study, seriesInstanceUID);
}

/** The embedded source's non-image objects of a series (GET …/objects), each fetched whole from its file URL. */
async function embeddedObjects(study: StudyListing, seriesInstanceUID: string): Promise<ObjectRef[]> {
  const s = study.studyInstanceUID;
  const listing = study.series.find((x) => x.seriesInstanceUID === seriesInstanceUID);
  const res = await fetchBytes(`/api/studies/${encodeURIComponent(s)}/series/${encodeURIComponent(seriesInstanceUID)}/objects`);
  const body = (await res.json()) as { objects?: { sopInstanceUID: string; sopClassUID: string; instanceNumber: number | null; url: string }[] };
  if (!Array.isArray(body.objects)) throw new Error(`the objects of series ${seriesInstanceUID} came back without a list`);
  return body.objects
    .filter((o) => isSegOrSr(o.sopClassUID))
    .map((o) => ({
      sopInstanceUID: o.sopInstanceUID,
      sopClassUID: o.sopClassUID,
      seriesInstanceUID,
      name: `${listing?.seriesDescription ?? 'Series'} #${o.instanceNumber ?? '?'}`,
      load: async () => new Uint8Array(await (await fetchBytes(o.url)).arrayBuffer()),
    }));
}

/**
 * The headers of a series' images in display order, for building its CT grid: from the
 * DICOM JSON a PACS instance comes with, from the files read in this tab, or by reading
 * each embedded file.
 */
export async function seriesHeaders(si: SeriesInstances): Promise<InstanceHeader[]> {
  const local = new Map(localStudies.files().map((f) => [f.url, f.header]));
  return Promise.all(
    si.instances.map(async (inst) => {
      if (inst.metadata) return headerFromDicomJson(inst.metadata as DicomJsonDataset);
      const known = local.get(inst.url);
      if (known) return known;
      const bytes = new Uint8Array(await (await fetchBytes(inst.url)).arrayBuffer());
      const outcome = readDicomBytes(inst.url, bytes, inflateRawSync);
      if (outcome.status !== 'read') throw new Error(outcome.reason);
      return outcome.header;
    }),
  );
}

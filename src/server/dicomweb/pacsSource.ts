import { headerFromDicomJson } from '../../dicom/headerFromDicomJson';
import type { DicomJsonDataset } from '../../dicom/dicomJson';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { seriesInstancesOf } from '../../dicom/seriesInstancesOf';
import type { SeriesInstances, StudyListing } from '../../dicom/studyListing';
import type { PacsClient } from './pacsClient';
import { PacsError } from './pacsError';
import { queryString, qidoStudiesQuery, STUDY_INCLUDE_FIELDS, type PacsSearch } from './pacsSearch';
import { PROXY_PREFIX, withProxiedBulkData } from './pacsUrls';
import { qidoDatasets, studyListingFromQido } from './studyFromQido';
import { createTtlCache } from './ttlCache';

/** One page of a PACS search. */
export interface PacsSearchPage {
  studies: StudyListing[];
  offset: number;
  limit: number;
  /** True when the PACS has at least one more matching study after this page. */
  more: boolean;
}

/** Studies and series of the PACS, in the shapes the API serves for the embedded source. */
export interface PacsSource {
  readonly label: string;
  search(search: PacsSearch): Promise<PacsSearchPage>;
  /** The study with its series listed, or undefined when the PACS does not have it. */
  study(studyInstanceUID: string): Promise<StudyListing | undefined>;
  /** The series' images in display order with their DICOM JSON and frame URLs; undefined when absent. */
  seriesInstances(studyInstanceUID: string, seriesInstanceUID: string): Promise<SeriesInstances | undefined>;
}

const SERIES_INCLUDE_FIELDS = ['0008103E', '00200011', '00200052', '00201209', '00280010', '00280011'] as const;
/** How long series metadata is reused: long enough for a viewer's burst of requests. */
const METADATA_TTL_MS = 60_000;
const METADATA_MAX_SERIES = 32;

/** The PACS behind a {@link PacsClient}: QIDO-RS for studies and series, WADO-RS for metadata. */
export function createPacsSource(client: PacsClient, label: string): PacsSource {
  const cache = createTtlCache<SeriesInstances | undefined>(METADATA_TTL_MS, METADATA_MAX_SERIES);

  const datasets = (json: unknown, what: string): DicomJsonDataset[] => {
    try {
      return qidoDatasets(json, what);
    } catch (e) {
      throw new PacsError(`The PACS at ${client.name} answered oddly: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };

  async function loadSeries(study: string, series: string): Promise<SeriesInstances | undefined> {
    const path = `/studies/${study}/series/${series}`;
    const json = await client.json(`${path}/metadata`);
    if (json === undefined) return undefined;
    const entries = datasets(json, `The metadata of series ${series}`);
    if (entries.length === 0) return undefined;
    const jsonOf = new Map<InstanceHeader, DicomJsonDataset>();
    for (const entry of entries) jsonOf.set(headerFromDicomJson(entry), entry);
    return seriesInstancesOf(study, series, [...jsonOf.keys()], (h) => ({
      url: `${PROXY_PREFIX}${path}/instances/${h.sopInstanceUID}/frames/1`,
      metadata: withProxiedBulkData(jsonOf.get(h) ?? {}, client.baseUrl),
    }));
  }

  return {
    label,
    async search(search) {
      const json = await client.json(`/studies${qidoStudiesQuery(search)}`);
      const found = datasets(json ?? [], 'The study search result')
        .map((ds) => studyListingFromQido(ds))
        .filter((s): s is StudyListing => s !== undefined);
      return {
        studies: found.slice(0, search.limit),
        offset: search.offset,
        limit: search.limit,
        more: found.length > search.limit,
      };
    },
    async study(uid) {
      const includes = (fields: readonly string[]) => fields.map((f): [string, string] => ['includefield', f]);
      const [studyJson, seriesJson] = await Promise.all([
        client.json(`/studies${queryString([['StudyInstanceUID', uid], ...includes(STUDY_INCLUDE_FIELDS)])}`),
        client.json(`/studies/${uid}/series${queryString(includes(SERIES_INCLUDE_FIELDS))}`),
      ]);
      const study = datasets(studyJson ?? [], `The search for study ${uid}`)[0];
      if (!study) return undefined;
      return studyListingFromQido(study, datasets(seriesJson ?? [], `The series of study ${uid}`));
    },
    async seriesInstances(study, series) {
      const key = `${study}|${series}`;
      const found = await cache.get(key, () => loadSeries(study, series));
      if (!found) cache.forget(key);
      return found;
    },
  };
}

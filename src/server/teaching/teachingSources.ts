import { readFile } from 'node:fs/promises';
import { readInstanceHeader } from '../../dicom/readInstanceHeader';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import type { PackageFile } from '../../interop/deidentify/deidentifyPackage';
import type { Catalogue } from '../catalogue';
import type { Pacs } from '../dicomweb/pacs';
import { retrieveSeries } from '../dicomweb/retrieveSeries';

/** One series to copy into a teaching case, and where it is. */
export interface SeriesToCopy {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly source: 'embedded' | 'pacs';
}

/** Where the source images are: the embedded source first, then the PACS. */
export interface TeachingSources {
  readonly catalogue: Pick<Catalogue, 'study' | 'seriesFiles'>;
  readonly pacs?: Pacs;
}

/** Files are de-identified this many at a time, so a big series is never held whole (embedded source). */
export const CHUNK_FILES = 24;

/** "CT 2/0042.dcm": what the preview and a refusal call a file (modality, series number, instance number). */
export function sourceFileName(h: Pick<InstanceHeader, 'modality' | 'seriesNumber' | 'instanceNumber' | 'sopInstanceUID'>): string {
  const instance = h.instanceNumber === undefined ? h.sopInstanceUID : String(h.instanceNumber).padStart(4, '0');
  return `${h.modality ?? 'OT'} ${h.seriesNumber ?? '?'}/${instance}.dcm`;
}

/**
 * The series of a study, from the embedded source or else the PACS, or a sentence saying why the
 * study cannot be copied.
 */
export async function seriesOfStudy(study: string, sources: TeachingSources): Promise<readonly SeriesToCopy[] | string> {
  const embedded = sources.catalogue.study(study);
  if (embedded) return embedded.series.map((s) => ({ studyInstanceUID: study, seriesInstanceUID: s.seriesInstanceUID, source: 'embedded' as const }));
  if (!sources.pacs) return `Study ${study} is not in the embedded sample folder and no PACS is configured`;
  const onPacs = await sources.pacs.source.study(study);
  if (!onPacs) return `Study ${study} is neither in the embedded sample folder nor on the PACS`;
  return onPacs.series.map((s) => ({ studyInstanceUID: study, seriesInstanceUID: s.seriesInstanceUID, source: 'pacs' as const }));
}

/**
 * The files of a series, named for the preview, in chunks of {@link CHUNK_FILES}: from the
 * embedded source each chunk is read only when asked for; from the PACS the series arrives by
 * WADO-RS (bounded, see retrieveSeries) and is handed on in chunks. A PACS failure rejects with
 * its PacsError.
 */
export async function* seriesChunks(series: SeriesToCopy, sources: TeachingSources): AsyncGenerator<PackageFile[]> {
  if (series.source === 'embedded') {
    const members = (sources.catalogue.seriesFiles(series.seriesInstanceUID) ?? []).filter((i) => i.header.studyInstanceUID === series.studyInstanceUID);
    for (let i = 0; i < members.length; i += CHUNK_FILES) {
      const chunk = members.slice(i, i + CHUNK_FILES);
      yield await Promise.all(chunk.map(async (m) => ({ name: sourceFileName(m.header), bytes: new Uint8Array(await readFile(m.file)) })));
    }
    return;
  }
  if (!sources.pacs) return;
  const retrieved = (await retrieveSeries(sources.pacs.client, series.seriesInstanceUID, series.studyInstanceUID)) ?? [];
  for (let i = 0; i < retrieved.length; i += CHUNK_FILES) {
    yield retrieved.slice(i, i + CHUNK_FILES).map((r) => {
      // A copy of its own: the retrieved bytes are a Buffer view into the whole multipart answer,
      // and Buffer#slice (used by decodePart10 to copy) is a view too, so dcmjs would read that whole answer.
      const bytes = new Uint8Array(r.bytes);
      let name = `instance ${r.sopInstanceUID}`;
      try {
        name = sourceFileName(readInstanceHeader(bytes, true));
      } catch {
        // An unreadable file keeps its UID as its name; de-identification will refuse it by that name.
      }
      return { name, bytes };
    });
    // Let go of what was handed on.
    retrieved.fill({ sopInstanceUID: '', bytes: new Uint8Array(0) }, i, i + CHUNK_FILES);
  }
}

import type { InstanceHeader } from '../dicom/instanceHeader';
import type { SeriesInstances, StudyListing } from '../dicom/studyListing';
import { readDicomBytes } from '../dicom/readDicomBytes';
import { studyListings } from '../dicom/studyListingFromGroups';
import { seriesInstancesOf } from '../dicom/seriesInstancesOf';
import { inflateRawSync } from './inflate';
import { expandArchives } from './expandArchives';
import { rememberLocalImage } from './local/localImageStore';

/** A file that could not be read, and why. */
export interface ImportFailure {
  file: string;
  reason: string;
}

/** What a drop or a file pick gave: studies added, files that failed, files skipped. */
export interface ImportReport {
  total: number;
  read: number;
  failures: ImportFailure[];
  skipped: ImportFailure[];
  studies: string[];
}

interface LocalInstance {
  header: InstanceHeader;
  url: string;
}

const instances = new Map<string, LocalInstance>();
let listings: StudyListing[] = [];
const listeners = new Set<() => void>();

/** The studies read from local files in this tab; never uploaded. */
export const localStudies = {
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  list: (): StudyListing[] => listings,
  /** Every file read, with its path in the drop, its header and its object URL. */
  files: (): { path: string; header: InstanceHeader; url: string }[] => [...instances].map(([path, i]) => ({ path, ...i })),
  study: (uid: string): StudyListing | undefined => listings.find((s) => s.studyInstanceUID === uid),
  seriesInstances(study: string, series: string): SeriesInstances | undefined {
    const members = [...instances.values()].filter((i) => i.header.studyInstanceUID === study && i.header.seriesInstanceUID === series);
    if (members.length === 0) return undefined;
    // Keyed by header object: copies of one SOP Instance UID (re-encodings) stay distinct.
    const urlOf = new Map(members.map((m) => [m.header, m.url]));
    return seriesInstancesOf(study, series, [...urlOf.keys()], (h) => ({ url: urlOf.get(h) as string }));
  },
};

/** A file handed over by the user, with the path it had in a dropped folder if any. */
export interface PickedFile {
  file: File;
  path: string;
}

/**
 * Reads the headers of local files in the browser, groups them into studies and series and
 * keeps them in this tab (object URLs for the pixels; nothing is uploaded). Every file that
 * fails is named with the reason; the good files of the same drop are kept.
 */
export async function importLocalFiles(picked: readonly PickedFile[], onProgress: (done: number, total: number) => void): Promise<ImportReport> {
  const { files, failures } = await expandArchives(picked);
  const report: ImportReport = { total: files.length + failures.length, read: 0, failures: [...failures], skipped: [], studies: [] };
  const touched = new Set<string>();
  let done = 0;
  for (const { file, path } of files) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The image attributes and the pixel data's place in the file let the viewer show it
      // later without reading and parsing the whole file again (src/imaging/local).
      const outcome = readDicomBytes(path, bytes, inflateRawSync, { imageAttributes: true });
      if (outcome.status === 'read') {
        const h = outcome.header;
        // Keyed by path so a re-dropped folder is not doubled, while copies of one SOP Instance
        // UID under different names (re-encodings) both stay visible to the geometry check.
        if (!instances.has(path)) {
          const url = URL.createObjectURL(file);
          instances.set(path, { header: h, url });
          rememberLocalImage(url, file, outcome.image, h.transferSyntaxUID);
        }
        touched.add(h.studyInstanceUID);
        report.read++;
      } else if (outcome.status === 'failed') {
        report.failures.push({ file: path, reason: outcome.reason });
      } else {
        report.skipped.push({ file: path, reason: outcome.reason });
      }
    } catch (e) {
      report.failures.push({ file: path, reason: e instanceof Error ? e.message : String(e) });
    }
    done++;
    if (done % 16 === 0 || done === files.length) {
      onProgress(done, files.length);
      // Let the page paint its progress between batches.
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  listings = studyListings([...instances.values()].map((i) => i.header), 'local');
  report.studies = [...touched];
  listeners.forEach((l) => l());
  return report;
}

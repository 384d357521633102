import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readInstanceHeader } from '../../dicom/readInstanceHeader';
import type { MutableCatalogue } from '../catalogue';
import { indexFolder, type IndexedInstance } from '../embeddedSource';
import type { TeachingFile, TeachingFileStore } from './teachingParts';

/** The file store and what starting it found. */
export interface TeachingFileStoreHandle extends TeachingFileStore {
  /** Indexes DATA_DIR/teaching/ into the catalogue (once, at start); resolves to the files found and the ones that failed. */
  indexAll(): Promise<{ files: number; failures: readonly { file: string; reason: string }[] }>;
  /**
   * Removes the folder of a teaching case that was never stored (making it failed half-way), so
   * the next start does not serve its files; this run's catalogue keeps them until then.
   */
  discard(teachingCaseId: string): Promise<void>;
}

// Teaching case ids are UUIDs and SOP Instance UIDs digits and dots: anything else must never become a path.
const SAFE_ID = /^[0-9a-f-]{36}$/i;
const SAFE_UID = /^[0-9.]{1,64}$/;

const teachingFileOf = (i: IndexedInstance): TeachingFile => ({
  path: i.file,
  sopInstanceUID: i.header.sopInstanceUID,
  sopClassUID: i.header.sopClassUID,
  studyInstanceUID: i.header.studyInstanceUID,
  seriesInstanceUID: i.header.seriesInstanceUID,
});

/** Study, series, then instance number (then SOP UID), as a teaching case's files are listed and exported. */
function byStudySeriesInstance(a: IndexedInstance, b: IndexedInstance): number {
  const ha = a.header;
  const hb = b.header;
  return (
    ha.studyInstanceUID.localeCompare(hb.studyInstanceUID) ||
    ha.seriesInstanceUID.localeCompare(hb.seriesInstanceUID) ||
    (ha.instanceNumber ?? 0) - (hb.instanceNumber ?? 0) ||
    ha.sopInstanceUID.localeCompare(hb.sopInstanceUID)
  );
}

/**
 * The de-identified files of teaching cases, one folder per case under `<dataDir>/teaching/<id>/`,
 * each file `<SOP Instance UID>.dcm`. A file is written to a temporary name and renamed, so a
 * crash never leaves half a file under its real name (and the next start's index never serves
 * one). Every file written or found at start joins the server's catalogue, so /api/studies,
 * /api/files and the plan and exercise volumes serve it like the embedded source.
 */
export function createTeachingFileStore(dataDir: string, catalogue: MutableCatalogue): TeachingFileStoreHandle {
  const root = path.join(dataDir, 'teaching');
  const byCase = new Map<string, IndexedInstance[]>();
  const remember = (id: string, instances: readonly IndexedInstance[]): void => {
    const known = byCase.get(id) ?? [];
    const sops = new Set(instances.map((i) => i.header.sopInstanceUID));
    byCase.set(id, [...known.filter((i) => !sops.has(i.header.sopInstanceUID)), ...instances].sort(byStudySeriesInstance));
  };
  const folderOf = (id: string): string => {
    if (!SAFE_ID.test(id)) throw new Error(`Not a teaching case id: ${id}`);
    return path.join(root, id.toLowerCase());
  };

  return {
    async indexAll() {
      await mkdir(root, { recursive: true });
      const index = await indexFolder(root);
      if (index.problem) throw new Error(index.problem);
      const found: IndexedInstance[] = [];
      for (const instance of index.instances) {
        // <root>/<id>/<sop>.dcm: a stray file elsewhere (or a temp file left by a crash) is not served.
        const rel = path.relative(root, instance.file).split(path.sep);
        if (rel.length !== 2 || !SAFE_ID.test(rel[0]!) || !rel[1]!.endsWith('.dcm')) continue;
        remember(rel[0]!.toLowerCase(), [instance]);
        found.push(instance);
      }
      catalogue.add(found);
      return { files: found.length, failures: index.failures };
    },

    async discard(id) {
      byCase.delete(id.toLowerCase());
      await rm(folderOf(id), { recursive: true, force: true });
    },

    async files(id) {
      return (byCase.get(id.toLowerCase()) ?? []).map(teachingFileOf);
    },

    async write(id, files) {
      const folder = folderOf(id);
      await mkdir(folder, { recursive: true });
      const written: IndexedInstance[] = [];
      for (const f of files) {
        if (!SAFE_UID.test(f.sopInstanceUID)) throw new Error(`Not a SOP Instance UID: ${f.sopInstanceUID}`);
        // Read before writing: a file the catalogue could not list is not stored at all.
        const header = readInstanceHeader(f.bytes, true);
        if (header.sopInstanceUID !== f.sopInstanceUID) throw new Error(`File for ${f.sopInstanceUID} holds SOP Instance UID ${header.sopInstanceUID}`);
        const file = path.join(folder, `${f.sopInstanceUID}.dcm`);
        const temp = path.join(folder, `.${f.sopInstanceUID}.${randomBytes(6).toString('hex')}.tmp`);
        try {
          await writeFile(temp, f.bytes);
          await rename(temp, file);
        } catch (e) {
          await rm(temp, { force: true });
          throw e;
        }
        written.push({ header, file });
      }
      remember(id.toLowerCase(), written);
      catalogue.add(written);
      return written.map(teachingFileOf);
    },
  };
}

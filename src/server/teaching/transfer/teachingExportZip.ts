import { planZip } from '../../../interop/planDicomZip';
import { TEACHING_EXPORT_CASE_FILE, type TeachingCase, type TeachingExport } from '../../../records';
import type { TeachingFile } from '../teachingParts';
import { teachingZipPath } from './teachingImportZip';

/**
 * The zip's file name, from the title (the diagnosis) made ASCII-safe: accents dropped, anything
 * else than letters and digits a dash, at most 60 characters; the id's start when nothing is left.
 */
export function teachingZipName(tc: Pick<TeachingCase, 'id' | 'fields'>): string {
  const slug = tc.fields.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `PercuPlan-teaching-${slug || tc.id.slice(0, 8)}.zip`;
}

/**
 * What goes into teaching-case.json: the case without its id, version, source and teaching PACS
 * record (the receiving PercuPlan gives its own; the source case is this server's business only).
 */
export function teachingExportDoc(tc: TeachingCase, paths: readonly string[], softwareVersion: string, exportedAt: string): TeachingExport {
  const { id: _id, version: _version, source: _source, teachingPacs: _teachingPacs, ...kept } = tc;
  return { format: 'percuplan-teaching-case', formatVersion: 1, exportedAt, softwareVersion, teachingCase: kept, files: [...paths] };
}

/**
 * The export zip: dicom/<study>/<series>/<sop>.dcm for every file, then teaching-case.json, by the
 * tree's one zip writer (entries stamped with the case's last change, so the same case gives the
 * same DICOM entries).
 */
export function teachingExportZip(tc: TeachingCase, files: readonly { readonly file: TeachingFile; readonly bytes: Uint8Array }[], softwareVersion: string, exportedAt: string): Uint8Array {
  const entries = files.map(({ file, bytes }) => ({ fileName: teachingZipPath(file), bytes }));
  const doc = teachingExportDoc(
    tc,
    entries.map((e) => e.fileName),
    softwareVersion,
    exportedAt,
  );
  entries.push({ fileName: TEACHING_EXPORT_CASE_FILE, bytes: new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`) });
  return planZip(entries, tc.updatedAt);
}

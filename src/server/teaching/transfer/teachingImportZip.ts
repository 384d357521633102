import { unzipSync } from 'fflate';
import { decodePart10 } from '../../../interop/part10';
import { issuesOf, TEACHING_EXPORT_CASE_FILE, teachingExportSchema, type TeachingExport } from '../../../records';
import { err, ok, type Result } from '../../../shared/result';
import type { TeachingProblem } from '../teachingParts';

/** Largest import body read (held in memory while it is read: one teaching case of a few CT series is a few hundred MB). */
export const TEACHING_IMPORT_MAX_BYTES = 1024 * 1024 * 1024;
/** Largest total the zip's entries may unpack to, by their declared sizes (a zip bomb is refused before inflating). */
export const TEACHING_IMPORT_MAX_UNZIPPED = 2 * 1024 * 1024 * 1024;

/** A DICOM file's path in an export: dicom/<study>/<series>/<sop>.dcm. */
const FILE_PATH = /^dicom\/([0-9]+(?:\.[0-9]+)*)\/([0-9]+(?:\.[0-9]+)*)\/([0-9]+(?:\.[0-9]+)*)\.dcm$/;

/** The path of a DICOM file inside an export zip. */
export const teachingZipPath = (f: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }): string =>
  `dicom/${f.studyInstanceUID}/${f.seriesInstanceUID}/${f.sopInstanceUID}.dcm`;

/** A checked import: the case as exported and its DICOM files. */
export interface TeachingImport {
  readonly doc: TeachingExport;
  readonly files: readonly { readonly path: string; readonly sopInstanceUID: string; readonly studyInstanceUID: string; readonly bytes: Uint8Array }[];
}

const refuse = (error: string, issues: readonly string[] = []): Result<never, TeachingProblem> =>
  err({ status: 422, code: 'invalid-teaching-export', error, ...(issues.length ? { issues } : {}) });

/** Unpacks a zip (stored or deflated entries), refusing one that would unpack to more than the limit. */
function unzip(zip: Uint8Array): Result<Record<string, Uint8Array>, TeachingProblem> {
  let total = 0;
  try {
    const entries = unzipSync(zip, {
      filter: (f) => {
        total += f.originalSize;
        if (total > TEACHING_IMPORT_MAX_UNZIPPED) throw new RangeError(`its entries unpack to more than ${TEACHING_IMPORT_MAX_UNZIPPED / 2 ** 30} GiB`);
        return !f.name.endsWith('/');
      },
    });
    return ok(entries);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return err({ status: 400, code: 'invalid-zip', error: `The body is not a zip this server can read (${why}); send the zip "Export" made, as application/zip` });
  }
}

/**
 * Reads and checks a teaching case zip made by `GET /api/teaching/:id/export` (here or on another
 * PercuPlan): teaching-case.json valid against the schema (a refusal names the field), every
 * listed file present, readable DICOM whose SOP, series and study UIDs are those of its path,
 * and marked Patient Identity Removed YES: a file that is not is refused by name, since nothing
 * identifiable may enter as teaching. A DICOM file the JSON does not list is refused too (the
 * case would not show it), as is a study or series of the case that no file holds.
 */
export function readTeachingImport(zip: Uint8Array): Result<TeachingImport, TeachingProblem> {
  const unzipped = unzip(zip);
  if (!unzipped.ok) return unzipped;
  const entries = unzipped.value;
  const json = entries[TEACHING_EXPORT_CASE_FILE];
  if (!json) return refuse(`The zip holds no ${TEACHING_EXPORT_CASE_FILE}: it was not made by PercuPlan's teaching export`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (e) {
    return refuse(`${TEACHING_EXPORT_CASE_FILE} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = teachingExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error).map((i) => `${TEACHING_EXPORT_CASE_FILE}: ${i.path}: ${i.message}`);
    return refuse(`${TEACHING_EXPORT_CASE_FILE} is not a teaching case export: ${issues.slice(0, 5).join('; ')}`, issues);
  }
  const doc = parsed.data;
  const problems: string[] = [];
  const files: TeachingImport['files'][number][] = [];
  // Series with a listed file (a bad file is refused by itself, not again as a series without files).
  const listedSeries = new Set<string>();
  for (const p of new Set(doc.files)) {
    const m = FILE_PATH.exec(p);
    if (!m) {
      problems.push(`${p}: not a path of the form dicom/<study>/<series>/<sop>.dcm`);
      continue;
    }
    const [, study, series, sop] = m as unknown as [string, string, string, string];
    listedSeries.add(series);
    const bytes = entries[p];
    if (!bytes) {
      problems.push(`${p}: listed in ${TEACHING_EXPORT_CASE_FILE} but not in the zip`);
      continue;
    }
    const decoded = decodePart10(bytes, p);
    if (!decoded.ok) {
      problems.push(decoded.error);
      continue;
    }
    const ds = decoded.value.dataset;
    const wrong = (
      [
        ['SOP Instance UID', ds.SOPInstanceUID, sop],
        ['Series Instance UID', ds.SeriesInstanceUID, series],
        ['Study Instance UID', ds.StudyInstanceUID, study],
      ] as const
    ).find(([, got, want]) => got !== want);
    if (wrong) {
      problems.push(`${p}: its ${wrong[0]} is ${String(wrong[1] ?? '(none)')}, not the ${wrong[2]} of its name`);
      continue;
    }
    if (ds.PatientIdentityRemoved !== 'YES') {
      problems.push(`${p}: Patient Identity Removed (0012,0062) is ${ds.PatientIdentityRemoved ? `"${String(ds.PatientIdentityRemoved)}"` : 'absent'}, not YES: identifiable images are never imported as teaching`);
      continue;
    }
    files.push({ path: p, sopInstanceUID: sop, studyInstanceUID: study, bytes });
  }
  const listed = new Set(doc.files);
  for (const name of Object.keys(entries).sort()) if (name.startsWith('dicom/') && !listed.has(name)) problems.push(`${name}: in the zip but not listed in ${TEACHING_EXPORT_CASE_FILE}`);
  for (const study of doc.teachingCase.studies)
    for (const s of study.series) if (!listedSeries.has(s.seriesInstanceUID) && s.instances > 0) problems.push(`series ${s.seriesInstanceUID}: in the teaching case but no file of it is listed`);
  if (problems.length) return refuse(`The zip cannot be imported: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, problems);
  if (!files.length) return refuse('The zip holds no DICOM file: a teaching case needs its images');
  return ok({ doc, files });
}

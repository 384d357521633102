import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { groupStudies } from '../dicom/groupStudies';
import { analyzeSeriesGeometry } from '../dicom/seriesGeometry';
import { inflateRawSync } from 'node:zlib';
import { readDicomBytes, type FileOutcome } from '../dicom/readDicomBytes';
import { formatInspection, type InspectResult } from './inspectFormat';

// The result types live with their formatter so that inspect.ts -> inspectFormat.ts stays one-way.
export type { InspectResult, SeriesInspection, StudyInspection } from './inspectFormat';

/**
 * Every file below the given paths, recursively, in a stable order. Paths that do not exist
 * are returned apart so the caller can treat them as a usage error; a directory reached twice
 * through symbolic links is walked once.
 */
export function listFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const seenDirs = new Set<string>();
  const visit = (p: string): void => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) {
      missing.push(p);
      return;
    }
    if (!st.isDirectory()) {
      if (st.isFile()) files.push(p);
      return;
    }
    const real = realpathSync(p);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    for (const name of readdirSync(p).sort()) visit(path.join(p, name));
  };
  for (const p of paths) visit(p);
  return { files, missing };
}

/** Reads one file from disk; an unreadable file (permissions, I/O) is a failure, not a crash. */
export function inspectFile(file: string): FileOutcome {
  let bytes: Uint8Array;
  try {
    const buf = readFileSync(file);
    bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    return { status: 'failed', path: file, reason: `cannot read the file: ${e instanceof Error ? e.message : String(e)}` };
  }
  return readDicomBytes(file, bytes, (d) => new Uint8Array(inflateRawSync(d)));
}

/** Reads the given files and reports every study and series they hold. */
export function inspectFiles(files: readonly string[]): InspectResult {
  const outcomes = files.map(inspectFile);
  const headers = outcomes.flatMap((o) => (o.status === 'read' ? [o.header] : []));
  const studies = groupStudies(headers).map((study) => ({
    study,
    series: study.series.map((series) => ({ series, geometry: analyzeSeriesGeometry(series.instances) })),
  }));
  return { files: outcomes, studies };
}

/** 0 when every DICOM file was read, 1 when any failed (skipped non-DICOM files do not count). */
export const exitCodeOf = (r: InspectResult): 0 | 1 => (r.files.some((f) => f.status === 'failed') ? 1 : 0);

/** The help text, printed on `--help` and on a usage error. */
export const USAGE = [
  'usage: npm run inspect -- <file or folder>...',
  '',
  'Reads every file below the given paths, names the files that are not DICOM or cannot be read,',
  'then reports each study and series: images, slice spacing, and whether MPR is possible and why not.',
  'Exit code: 0 all DICOM files read, 1 some could not be read, 2 usage error.',
];

/**
 * The inspect command: argument handling, the run and its output. Returns the exit code
 * rather than exiting so that tests can drive it.
 */
export function runInspect(args: readonly string[], print: (line: string) => void): 0 | 1 | 2 {
  const paths = args.filter((a) => a !== '--');
  if (paths.some((a) => a === '-h' || a === '--help')) {
    USAGE.forEach((l) => print(l));
    return 0;
  }
  const option = paths.find((a) => a.startsWith('-'));
  if (option !== undefined || paths.length === 0) {
    if (option !== undefined) print(`unknown option: ${option}`);
    USAGE.forEach((l) => print(l));
    return 2;
  }
  const { files, missing } = listFiles(paths);
  if (missing.length > 0) {
    missing.forEach((m) => print(`no such file or folder: ${m}`));
    return 2;
  }
  const result = inspectFiles(files);
  formatInspection(result).forEach((l) => print(l));
  return exitCodeOf(result);
}

import type { SeriesGroup, StudyGroup } from '../dicom/groupStudies';
import type { SeriesGeometryReport } from '../dicom/seriesGeometry';
import type { FileOutcome } from '../dicom/readDicomBytes';

/** One series with its geometry report. */
export interface SeriesInspection {
  series: SeriesGroup;
  geometry: SeriesGeometryReport;
}

/** One study with its series' reports. */
export interface StudyInspection {
  study: StudyGroup;
  series: SeriesInspection[];
}

/** Everything the inspect command found, per file and per study/series. */
export interface InspectResult {
  files: FileOutcome[];
  studies: StudyInspection[];
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** "20250219" -> "2025-02-19"; anything else is shown as written. */
const date = (d: string | undefined): string | undefined =>
  d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d;

const quoted = (s: string | undefined, missing: string): string => (s ? `"${s}"` : missing);

const vec = (v: readonly number[]): string => `(${v.map((x) => Number(x.toFixed(4))).join(', ')})`;

function fileLines(r: InspectResult): string[] {
  const lines: string[] = [];
  for (const f of r.files) {
    if (f.status === 'failed') lines.push(`  FAILED   ${f.path}: ${f.reason}`);
    else if (f.status === 'skipped') lines.push(`  SKIPPED  ${f.path}: ${f.reason}`);
    else for (const n of f.notes) lines.push(`  NOTE     ${f.path}: ${n}`);
  }
  return lines.length > 0 ? ['', 'Files with problems:', ...lines] : [];
}

function seriesLines({ series: s, geometry: g }: SeriesInspection): string[] {
  const head =
    `  Series ${s.seriesNumber ?? '(no number)'} ${quoted(s.seriesDescription, '(no description)')}` +
    ` ${s.modalities.join('/') || '(no modality)'}: ${plural(s.instanceCount, 'instance')}` +
    (s.imageCount === s.instanceCount ? '' : `, ${plural(s.imageCount, 'image')}`) +
    (s.frameCount > s.imageCount ? `, ${plural(s.frameCount, 'frame')}` : '');
  const geometry = [
    `${plural(g.sorted.length, 'image')} in the stack`,
    ...(g.sliceSpacingMm === undefined ? [] : [`slice spacing ${Number(g.sliceSpacingMm.toFixed(4))} mm`]),
    ...(g.normal === undefined ? [] : [`normal ${vec(g.normal)}`]),
  ].join(', ');
  // A series of reports or RT objects has no volume to speak of; its listing is the point.
  const mpr =
    s.imageCount === 0
      ? ['    No images: its objects are listed, not drawn.']
      : [`    ${geometry}`, `    MPR: ${g.reconstructable ? 'yes' : 'no'}`, ...g.reasons.map((m) => `      - ${m}`)];
  return [head, `    SeriesInstanceUID ${s.seriesInstanceUID}`, ...mpr, ...g.warnings.map((m) => `    Warning: ${m}`)];
}

function studyLines({ study: st, series }: StudyInspection): string[] {
  const who = [
    `patient ${quoted(st.patientName, '(no name)')}`,
    `ID ${st.patientID ?? '(none)'}`,
    ...(st.studyDate ? [`date ${date(st.studyDate)}`] : []),
    quoted(st.studyDescription, '(no description)'),
  ].join(', ');
  return [
    '',
    `Study ${st.studyInstanceUID}`,
    `  ${who}; ${plural(series.length, 'series', 'series')}, ${plural(st.instanceCount, 'instance')}`,
    ...st.warnings.map((w) => `  Warning: ${w}`),
    ...series.flatMap(seriesLines),
  ];
}

/** The inspect command's report as lines: a summary, the files with problems, then each study. */
export function formatInspection(r: InspectResult): string[] {
  const count = (s: string): number => r.files.filter((f) => f.status === s).length;
  const summary =
    `${plural(r.files.length, 'file')}: ${count('read')} read, ${count('failed')} failed, ` +
    `${count('skipped')} skipped (not DICOM or DICOMDIR); ${plural(r.studies.length, 'study', 'studies')}.`;
  return [summary, ...fileLines(r), ...r.studies.flatMap(studyLines)];
}

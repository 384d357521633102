import type { TeachingFields, TeachingFileChanges, TeachingLevel, TeachingListEntry, TeachingPreview, TeachingStatus } from '../../records';

/**
 * The teaching fields as the user types them: learning points one per line and tags separated
 * by commas are kept as the typed text, so a refused save (409) gives the user back exactly what
 * they wrote, blank lines included.
 */
export interface TeachingFieldsDraft {
  readonly title: string;
  readonly presentation: string;
  readonly findings: string;
  readonly discussion: string;
  readonly learningPointsText: string;
  readonly level: TeachingLevel;
  readonly tagsText: string;
}

/** The non-empty trimmed lines of a text. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Tags from "a, b, c" (commas or new lines), trimmed, without blanks or repeats (case-insensitive). */
export function tagsOf(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const t = raw.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

/** The draft of stored fields. */
export function draftOf(f: TeachingFields): TeachingFieldsDraft {
  return {
    title: f.title,
    presentation: f.presentation,
    findings: f.findings,
    discussion: f.discussion,
    learningPointsText: f.learningPoints.join('\n'),
    level: f.level,
    tagsText: f.tags.join(', '),
  };
}

/** The fields a draft sends (trimmed title and presentation, lists split). */
export function fieldsOf(d: TeachingFieldsDraft): TeachingFields {
  return {
    title: d.title.trim(),
    presentation: d.presentation.trim(),
    findings: d.findings,
    discussion: d.discussion,
    learningPoints: linesOf(d.learningPointsText),
    level: d.level,
    tags: tagsOf(d.tagsText),
  };
}

/** An empty draft whose title is the diagnosis written on the case, if any. */
export function emptyDraft(title = ''): TeachingFieldsDraft {
  return { title, presentation: '', findings: '', discussion: '', learningPointsText: '', level: 'intermediate', tagsText: '' };
}

/** "dates move by −123 days" (a true minus sign), "+1 day", or that they do not move. */
export function dateShiftText(days: number): string {
  if (days === 0) return 'dates do not move';
  const n = Math.abs(days);
  return `dates move by ${days < 0 ? '\u2212' : '+'}${n} ${n === 1 ? 'day' : 'days'}`;
}

/** The preview's action codes in words, in the order the counts are shown. */
export const ACTION_WORDS: readonly (readonly [keyof TeachingFileChanges['counts'], string])[] = [
  ['X', 'removed'],
  ['Z', 'emptied'],
  ['D', 'replaced'],
  ['U', 'UIDs'],
  ['C', 'shifted'],
  ['add', 'added'],
];

/** A file's or study's counts summed. */
export function sumCounts(files: readonly TeachingFileChanges[]): TeachingFileChanges['counts'] {
  const s = { X: 0, Z: 0, D: 0, U: 0, C: 0, add: 0 };
  for (const f of files) for (const [k] of ACTION_WORDS) s[k] += f.counts[k];
  return s;
}

/** A study of the preview with its files. */
export interface PreviewStudyGroup {
  readonly studyInstanceUID: string | null;
  readonly description: string;
  readonly files: readonly TeachingFileChanges[];
}

/**
 * The preview's files under their studies. The server lists files in study order and gives each
 * study's file count, so the files are cut by those counts; when the counts do not add up to
 * the files listed (a refused file, a different order) every file goes under one "All files" group
 * rather than under a study it may not belong to.
 */
export function groupPreviewFiles(preview: Pick<TeachingPreview, 'files' | 'studies'>): PreviewStudyGroup[] {
  const total = preview.studies.reduce((a, s) => a + s.files, 0);
  if (total !== preview.files.length || preview.studies.length === 0) {
    return [{ studyInstanceUID: null, description: 'All files', files: preview.files }];
  }
  const groups: PreviewStudyGroup[] = [];
  let at = 0;
  for (const s of preview.studies) {
    groups.push({ studyInstanceUID: s.studyInstanceUID, description: s.description, files: preview.files.slice(at, at + s.files) });
    at += s.files;
  }
  return groups;
}

/** List filters of /teaching. */
export interface TeachingListFilter {
  readonly status: TeachingStatus | 'all';
  readonly level: TeachingLevel | 'all';
  /** Matched, case-insensitively, against the tags, the title and the presentation. */
  readonly text: string;
}

/** The rows a filter keeps, in their order. */
export function filterTeachingList(rows: readonly TeachingListEntry[], f: TeachingListFilter): TeachingListEntry[] {
  const q = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.status === 'all' || r.status === f.status) &&
      (f.level === 'all' || r.level === f.level) &&
      (!q || r.tags.some((t) => t.toLowerCase().includes(q)) || r.title.toLowerCase().includes(q) || r.presentation.toLowerCase().includes(q)),
  );
}

/** The number of needles (trajectories) in a plan's content. */
export function needleCount(content: Readonly<Record<string, unknown>>): number {
  const t = content['trajectories'];
  return Array.isArray(t) ? t.length : 0;
}

import { describe, expect, it } from 'vitest';
import type { TeachingFileChanges, TeachingListEntry } from '../../records';
import { dateShiftText, draftOf, fieldsOf, filterTeachingList, groupPreviewFiles, linesOf, needleCount, sumCounts, tagsOf } from './teachingText';

const UID = '1.2.3';
const file = (name: string, counts: Partial<TeachingFileChanges['counts']> = {}): TeachingFileChanges => ({
  name,
  modality: 'CT',
  seriesInstanceUID: UID,
  counts: { X: 0, Z: 0, D: 0, U: 0, C: 0, add: 0, ...counts },
  changes: [],
});
const row = (id: string, over: Partial<TeachingListEntry>): TeachingListEntry => ({
  id,
  version: 1,
  status: 'draft',
  title: '',
  presentation: '',
  level: 'intermediate',
  tags: [],
  files: 0,
  plans: 0,
  exercises: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'a',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('teaching text', () => {
  it('splits learning points by line and tags by comma, dropping blanks and repeated tags', () => {
    expect(linesOf('  one \n\n two\r\n')).toEqual(['one', 'two']);
    expect(tagsOf('spine, Lytic ,, spine\nlytic, ablation')).toEqual(['spine', 'Lytic', 'ablation']);
  });

  it('round-trips stored fields through the typed draft', () => {
    const f = { title: 'Renal cell metastasis', presentation: 'Pain', findings: 'F', discussion: 'D', learningPoints: ['a', 'b'], level: 'advanced' as const, tags: ['x', 'y'] };
    const d = draftOf(f);
    expect(d.learningPointsText).toBe('a\nb');
    expect(d.tagsText).toBe('x, y');
    expect(fieldsOf({ ...d, title: '  Renal cell metastasis  ' })).toEqual(f);
  });

  it('words the date shift with a true minus sign and the singular for one day', () => {
    expect(dateShiftText(-123)).toBe('dates move by \u2212123 days');
    expect(dateShiftText(1)).toBe('dates move by +1 day');
    expect(dateShiftText(0)).toBe('dates do not move');
  });

  it('sums the counts of files', () => {
    expect(sumCounts([file('a', { X: 2, U: 4 }), file('b', { X: 1, add: 3 })])).toEqual({ X: 3, Z: 0, D: 0, U: 4, C: 0, add: 3 });
  });

  it('cuts the files into studies by their counts, or keeps one group when the counts disagree', () => {
    const files = [file('a'), file('b'), file('c')];
    const g = groupPreviewFiles({ files, studies: [{ studyInstanceUID: '1.1', description: 'CT', files: 2 }, { studyInstanceUID: '1.2', description: 'MR', files: 1 }] });
    expect(g.map((s) => [s.description, s.files.map((f) => f.name)])).toEqual([['CT', ['a', 'b']], ['MR', ['c']]]);
    const one = groupPreviewFiles({ files, studies: [{ studyInstanceUID: '1.1', description: 'CT', files: 2 }] });
    expect(one.map((s) => [s.studyInstanceUID, s.files.length])).toEqual([[null, 3]]);
  });

  it('filters the list by status, level and text in tags, title or presentation', () => {
    const rows = [
      row('1', { status: 'published', level: 'primary', tags: ['Spine'] }),
      row('2', { status: 'draft', level: 'primary', title: 'Spinal myeloma' }),
      row('3', { status: 'published', level: 'advanced', presentation: 'hip pain' }),
    ];
    expect(filterTeachingList(rows, { status: 'all', level: 'all', text: 'spin' }).map((r) => r.id)).toEqual(['1', '2']);
    expect(filterTeachingList(rows, { status: 'published', level: 'all', text: '' }).map((r) => r.id)).toEqual(['1', '3']);
    expect(filterTeachingList(rows, { status: 'published', level: 'primary', text: 'HIP' }).map((r) => r.id)).toEqual([]);
  });

  it('counts the needles of a plan content', () => {
    expect(needleCount({ trajectories: [{}, {}] })).toBe(2);
    expect(needleCount({})).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { createPlanningVolume, IDENTITY_DIRECTION, type PlanningVolume } from '../../planning/lesions';
import { err, type Result } from '../../shared/result';
import { lps } from '../../shared/vec3';
import type { IndexedInstance } from '../embeddedSource';
import { createSeriesVolumes } from './seriesVolumes';

const header = (series: string, n: number, extra: Partial<InstanceHeader> = {}): InstanceHeader => ({
  sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
  sopInstanceUID: `${series}.${n}`,
  studyInstanceUID: '1.9',
  seriesInstanceUID: series,
  transferSyntaxUID: '1.2.840.10008.1.2.1',
  hasPixelData: true,
  ...extra,
});

/** Series 1.1 (two slices, the second says FFS), 1.2 and 1.3 (two slices each), 1.4 (unreadable). */
const instances: IndexedInstance[] = [
  { header: header('1.1', 1), file: 'a1' },
  { header: header('1.1', 2, { patientPosition: 'FFS' }), file: 'a2' },
  { header: header('1.1', 3, { hasPixelData: false }), file: 'a-report' },
  { header: header('1.2', 1), file: 'b1' },
  { header: header('1.2', 2), file: 'b2' },
  { header: header('1.3', 1), file: 'c1' },
  { header: header('1.3', 2), file: 'c2' },
  { header: header('1.4', 1), file: 'bad' },
  { header: header('1.4', 2), file: 'bad2' },
];
const catalogue = { seriesFiles: (uid: string) => { const list = instances.filter((i) => i.header.seriesInstanceUID === uid); return list.length ? list : undefined; } };

function tinyVolume(): PlanningVolume {
  const v = createPlanningVolume({ dimensions: [1, 1, 2], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: IDENTITY_DIRECTION }, new Int16Array(2));
  if (!v.ok) throw new Error(v.error);
  return v.value;
}

/** A reader that counts its reads and answers when told to. */
function fakeReader() {
  const reads: string[][] = [];
  const read = async (files: readonly string[]): Promise<Result<PlanningVolume>> => {
    reads.push([...files]);
    await new Promise((r) => setTimeout(r, 5));
    return files[0] === 'bad' ? err('bad: transfer syntax 1.2.840.10008.1.2.4.80 is not read') : { ok: true, value: tinyVolume() };
  };
  return { reads, read };
}

describe('createSeriesVolumes', () => {
  it('reads the image files of a series once for concurrent requests, with the Patient Position of its headers', async () => {
    const { reads, read } = fakeReader();
    const volumeFor = createSeriesVolumes(catalogue, { read, warn: () => {} });
    const [a, b] = await Promise.all([volumeFor('1.1'), volumeFor('1.1')]);
    expect(reads).toEqual([['a1', 'a2']]);
    expect(a).toBe(b);
    expect(a?.patientPosition).toBe('FFS');
    expect(a?.volume.dimensions).toEqual([1, 1, 2]);
    expect(await volumeFor('1.2')).toMatchObject({ patientPosition: null });
  });

  it('keeps at most two volumes, dropping the least recently used', async () => {
    const { reads, read } = fakeReader();
    const volumeFor = createSeriesVolumes(catalogue, { read, warn: () => {} });
    await volumeFor('1.1');
    await volumeFor('1.2');
    await volumeFor('1.1'); // 1.1 is now the most recent
    await volumeFor('1.3'); // drops 1.2
    await volumeFor('1.1');
    expect(reads.map((r) => r[0])).toEqual(['a1', 'b1', 'c1']);
    await volumeFor('1.2');
    expect(reads.map((r) => r[0])).toEqual(['a1', 'b1', 'c1', 'b1']);
  });

  it('gives undefined for series it does not hold or cannot read, warning about the latter and not caching it', async () => {
    const { reads, read } = fakeReader();
    const warnings: string[] = [];
    const volumeFor = createSeriesVolumes(catalogue, { read, warn: (m) => warnings.push(m) });
    expect(await volumeFor('9.9')).toBeUndefined();
    expect(reads).toEqual([]);
    expect(await volumeFor('1.4')).toBeUndefined();
    expect(await volumeFor('1.4')).toBeUndefined();
    expect(reads).toHaveLength(2);
    expect(warnings[0]).toMatch(/series 1\.4 .*geometric metrics only: bad: transfer syntax/);
  });
});

import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { createPlanningVolume, IDENTITY_DIRECTION, type PlanningVolume } from '../../planning/lesions';
import { err, type Result } from '../../shared/result';
import { lps } from '../../shared/vec3';
import type { IndexedInstance } from '../embeddedSource';
import type { RemoteVolumeSource } from './pacsSeriesVolume';
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

describe('createSeriesVolumes with a remote source (the PACS)', () => {
  /** A PACS that holds 7.1 (readable), 7.2 (compressed) and 7.3 (fails while asked); it counts its loads and the study it was told. */
  function fakePacs() {
    const asked: [string, string | null | undefined][] = [];
    const remote: RemoteVolumeSource = {
      name: 'the PACS at http://pacs.test/dicom-web',
      async load(series, study) {
        asked.push([series, study]);
        await new Promise((r) => setTimeout(r, 5));
        if (series === '7.1') return { ok: true, value: { volume: tinyVolume(), patientPosition: 'HFS' } };
        if (series === '7.2') return err('instance 7.2.1: transfer syntax 1.2.840.10008.1.2.4.90 is not read by the server\'s volume reader');
        if (series === '7.3') throw new Error('The PACS at http://pacs.test/dicom-web did not answer: ECONNREFUSED.');
        return undefined;
      },
    };
    return { asked, remote };
  }

  it('reads embedded series from their files, never asking the PACS for them, and other series from the PACS, once for concurrent saves', async () => {
    const { reads, read } = fakeReader();
    const { asked, remote } = fakePacs();
    const volumeFor = createSeriesVolumes(catalogue, { read, remote, warn: () => {} });
    expect((await volumeFor('1.1', { studyInstanceUID: '1.9' }))?.patientPosition).toBe('FFS');
    expect(asked).toEqual([]);
    const [a, b] = await Promise.all([volumeFor('7.1', { studyInstanceUID: '7' }), volumeFor('7.1')]);
    expect(a).toBe(b);
    expect(a?.patientPosition).toBe('HFS');
    expect(asked).toEqual([['7.1', '7']]);
    expect(reads).toHaveLength(1);
  });

  it('gives undefined without a warning for a series the PACS does not hold, and asks again next time', async () => {
    const { asked, remote } = fakePacs();
    const logged: string[] = [];
    const told: string[] = [];
    const volumeFor = createSeriesVolumes(catalogue, { remote, warn: (m) => logged.push(m) });
    expect(await volumeFor('8.8', { warn: (m) => told.push(m) })).toBeUndefined();
    expect(await volumeFor('8.8')).toBeUndefined();
    expect(asked).toHaveLength(2);
    expect([...logged, ...told]).toEqual([]);
  });

  it('names the PACS and the reason (the syntax, the refused connection) in the log and to every waiting save, and does not keep the failure', async () => {
    const { asked, remote } = fakePacs();
    const logged: string[] = [];
    const told: string[] = [];
    const volumeFor = createSeriesVolumes(catalogue, { remote, warn: (m) => logged.push(m) });
    const tell = { warn: (m: string) => told.push(m) };
    const both = await Promise.all([volumeFor('7.2', tell), volumeFor('7.2', tell)]);
    expect(both).toEqual([undefined, undefined]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^\[planning\] series 7\.2 could not be read from the PACS at http:\/\/pacs\.test\/dicom-web, so plans on it get geometric metrics only: .*transfer syntax 1\.2\.840\.10008\.1\.2\.4\.90/);
    expect(told).toEqual([logged[0]!.replace('[planning] ', ''), logged[0]!.replace('[planning] ', '')]);
    expect(await volumeFor('7.3', tell)).toBeUndefined();
    expect(told[2]).toMatch(/PACS at http:\/\/pacs\.test\/dicom-web did not answer: ECONNREFUSED/);
    await volumeFor('7.2');
    expect(asked.filter(([s]) => s === '7.2')).toHaveLength(2);
  });

  it('keeps volumes within the byte bound: two 4-byte volumes do not fit in 6 bytes', async () => {
    const { asked, remote } = fakePacs();
    const { read } = fakeReader();
    // tinyVolume is 1 × 1 × 2 Int16 voxels: 4 bytes.
    const volumeFor = createSeriesVolumes(catalogue, { read, remote, capacity: 10, maxBytes: 6, warn: () => {} });
    await volumeFor('7.1');
    await volumeFor('1.1'); // drops 7.1
    await volumeFor('7.1');
    expect(asked).toHaveLength(2);
  });
});

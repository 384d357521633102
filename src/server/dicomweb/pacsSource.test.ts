import { describe, expect, it } from 'vitest';
import type { PacsClient } from './pacsClient';
import { createPacsSource } from './pacsSource';

const slice = (n: number, z: number) => ({
  '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
  '00080018': { vr: 'UI', Value: [`1.9.${n}`] },
  '0020000D': { vr: 'UI', Value: ['1.9'] },
  '0020000E': { vr: 'UI', Value: ['1.9.1'] },
  '00200013': { vr: 'IS', Value: [n] },
  '00200032': { vr: 'DS', Value: [0, 0, z] },
  '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
  '00200052': { vr: 'UI', Value: ['1.9.99'] },
  '00280010': { vr: 'US', Value: [4] },
  '00280011': { vr: 'US', Value: [4] },
  '00280030': { vr: 'DS', Value: [1, 1] },
  '7FE00010': { vr: 'OW', BulkDataURI: `http://pacs:8042/dicom-web/studies/1.9/series/1.9.1/instances/1.9.${n}/bulk/7fe00010` },
});

/** A PACS client that answers from a table of paths and counts the requests. */
function fakeClient(answers: Record<string, unknown>): PacsClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    baseUrl: new URL('http://pacs:8042/dicom-web'),
    name: 'http://pacs:8042/dicom-web',
    open: () => Promise.reject(new Error('not used')),
    json: async (p) => {
      asked.push(p);
      return answers[p.split('?')[0] ?? ''];
    },
  };
}

describe('createPacsSource', () => {
  it('orders a series along the slice normal and gives each image its frame URL and proxied metadata', async () => {
    // Stored out of order, as QIDO/WADO results come; InstanceNumber runs against position.
    const client = fakeClient({ '/studies/1.9/series/1.9.1/metadata': [slice(1, 5), slice(3, 0), slice(2, 2.5)] });
    const s = await createPacsSource(client, 'PACS').seriesInstances('1.9', '1.9.1');
    expect(s?.instances.map((i) => i.sopInstanceUID)).toEqual(['1.9.3', '1.9.2', '1.9.1']);
    expect(s?.sliceSpacingMm).toBe(2.5);
    expect(s?.reconstructable).toBe(true);
    expect(s?.instances[0]?.url).toBe('/dicomweb/studies/1.9/series/1.9.1/instances/1.9.3/frames/1');
    expect(s?.instances[0]?.metadata?.['7FE00010']).toEqual({
      vr: 'OW',
      BulkDataURI: '/dicomweb/studies/1.9/series/1.9.1/instances/1.9.3/bulk/7fe00010',
    });
  });

  it('reads series metadata once per minute, and does not remember a series it could not find', async () => {
    const client = fakeClient({ '/studies/1.9/series/1.9.1/metadata': [slice(1, 0), slice(2, 1)] });
    const source = createPacsSource(client, 'PACS');
    await Promise.all([source.seriesInstances('1.9', '1.9.1'), source.seriesInstances('1.9', '1.9.1')]);
    await source.seriesInstances('1.9', '1.9.1');
    expect(client.asked).toEqual(['/studies/1.9/series/1.9.1/metadata']);
    expect(await source.seriesInstances('1.9', '7.7')).toBeUndefined();
    expect(await source.seriesInstances('1.9', '7.7')).toBeUndefined();
    expect(client.asked.filter((p) => p.includes('7.7'))).toHaveLength(2);
  });

  it('lists a study with its series from two QIDO-RS queries, and nothing for an unknown study', async () => {
    const client = fakeClient({
      '/studies': [{ '0020000D': { vr: 'UI', Value: ['1.9'] }, '00100020': { vr: 'LO', Value: ['P9'] } }],
      '/studies/1.9/series': [{ '0020000E': { vr: 'UI', Value: ['1.9.1'] }, '00080060': { vr: 'CS', Value: ['CT'] }, '00201209': { vr: 'IS', Value: [2] } }],
    });
    const study = await createPacsSource(client, 'PACS').study('1.9');
    expect(study).toMatchObject({ source: 'dicomweb', patientID: 'P9', modalities: ['CT'], imageCount: 2 });
    expect(client.asked[0]).toMatch(/^\/studies\?StudyInstanceUID=1\.9&includefield=/);
    expect(await createPacsSource(fakeClient({ '/studies': [] }), 'PACS').study('4.4')).toBeUndefined();
  });
});

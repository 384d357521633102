import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomFilesIn } from '../../../tests/support/orthanc';
import { sharedDicom, sharedSkipReason } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { planContentSchema } from '../../records';
import { createCatalogue } from '../catalogue';
import { createPacsClient } from '../dicomweb/pacsClient';
import { pacsSeriesVolume } from './pacsSeriesVolume';
import { processPlanContent } from './processPlanContent';
import { createSeriesVolumes } from './seriesVolumes';

// ../shared/dicom/real/ct-thoracolumbar-j2k (SOURCE.txt there): 20 CT slices in JPEG 2000
// lossless (1.2.840.10008.1.2.4.90), which the server's reader does not decode. Served by a
// stand-in PACS (Orthanc refuses these files: their SOPInstanceUID is empty).
const STUDY = '1.2.826.0.1.3680043.8.498.1';
const SERIES = '1.2.826.0.1.3680043.8.498.2';
const FOR = '1.2.826.0.1.3680043.8.498.3';
const skip = sharedSkipReason('the compressed PACS series test');

describe.skipIf(!!skip)('a PACS series in a compressed transfer syntax', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const files = await dicomFilesIn(path.join(sharedDicom, 'real/ct-thoracolumbar-j2k'));
    expect(files).toHaveLength(20);
    const bytes = await Promise.all(files.map((f) => readFile(f)));
    const sop = (i: number): string => `${SERIES}.${i + 1}`;
    server = createServer((req, res) => {
      const route = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/dw/, '');
      const prefix = `/studies/${STUDY}/series/${SERIES}/instances`;
      if (route === prefix) return void res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(JSON.stringify(bytes.map((_, i) => ({ '00080018': { vr: 'UI', Value: [sop(i)] } }))));
      const i = bytes.findIndex((_, k) => route === `${prefix}/${sop(k)}`);
      if (i < 0) return void res.writeHead(404).end();
      // Unquoted boundary this time.
      res.writeHead(200, { 'content-type': 'multipart/related; type="application/dicom"; boundary=XyZ' });
      res.end(Buffer.concat([Buffer.from('--XyZ\r\nContent-Type: application/dicom\r\n\r\n'), bytes[i]!, Buffer.from('\r\n--XyZ--')]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/dw`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('keeps the geometric metrics of a plan on it, with a warning naming the syntax and the PACS, and does not crash', async () => {
    const remote = pacsSeriesVolume(createPacsClient({ baseUrl: new URL(base), label: 'Stand-in', authorization: () => undefined }));
    const logged: string[] = [];
    const notes: string[] = [];
    const volumeFor = createSeriesVolumes(createCatalogue([], studyListings), { remote, warn: (m) => logged.push(m) });
    const plan = planContentSchema.parse({
      studyInstanceUID: STUDY,
      seriesInstanceUID: SERIES,
      frameOfReferenceUID: FOR,
      content: { trajectories: [{ id: 'n', deviceId: 'bone-access-11g-150', entry: [30, 80, -785], target: [0, 0, -785], frameOfReferenceUID: FOR }] },
    });
    const saved = await processPlanContent(plan, { catalogue: defaultCatalogue(), volumeFor }, (m) => notes.push(m));
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const metrics = (saved.value.content.trajectories as { metrics: { depthMm: number; path: unknown } }[])[0]!.metrics;
    // hypot(30, 80) = 85.44 mm
    expect(metrics.depthMm).toBeCloseTo(85.44, 2);
    expect(metrics.path).toBeNull();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`series ${SERIES} could not be read from the PACS at ${base}`);
    expect(notes[0]).toContain('transfer syntax 1.2.840.10008.1.2.4.90 is not read');
    expect(logged).toEqual([`[planning] ${notes[0]}`]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attr, element, writePart10 } from '../../dicom/write';
import type { ImageAttributes, InstanceHeader } from '../../dicom/instanceHeader';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { createApp } from '../app';
import { createCatalogue } from '../catalogue';
import { indexFolder } from '../embeddedSource';
import { embeddedFrame, embeddedInstanceRef, servesFrames } from './embeddedFrames';

const dirs: string[] = [];
const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const STUDY = '1.2.826.0.1.3680043.10.9.1';
const SERIES = `${STUDY}.2`;
/** A 2×3 16-bit slice whose stored values are 1…6: little endian, its pixel bytes are 1,0,2,0,…,6,0. */
const PIXELS = new Uint16Array([1, 2, 3, 4, 5, 6]);
const PIXEL_BYTES = [1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0];

function slice(k: number): Uint8Array {
  return writePart10([
    attr('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2'),
    attr('SOPInstanceUID', `${STUDY}.4.${k}`),
    attr('Modality', 'CT'),
    attr('StudyInstanceUID', STUDY),
    attr('SeriesInstanceUID', SERIES),
    attr('InstanceNumber', k),
    attr('ImagePositionPatient', [0, 0, -k]),
    attr('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]),
    attr('FrameOfReferenceUID', `${STUDY}.3`),
    attr('SamplesPerPixel', 1),
    attr('PhotometricInterpretation', 'MONOCHROME2'),
    attr('Rows', 2),
    attr('Columns', 3),
    attr('PixelSpacing', [0.5, 0.5]),
    attr('BitsAllocated', 16),
    attr('BitsStored', 16),
    attr('HighBit', 15),
    attr('PixelRepresentation', 0),
    attr('RescaleIntercept', -1024),
    attr('RescaleSlope', 1),
    element(0x7fe00010, 'OW', PIXELS),
  ], { implementationClassUID: '1.2.826.0.1.3680043.10.9.99' });
}

async function sampleFolder(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'percuplan-frames-'));
  dirs.push(dir);
  for (const k of [1, 2, 3]) writeFileSync(path.join(dir, `IM${k}.dcm`), slice(k));
  return dir;
}

async function bodyOf(frame: NonNullable<Awaited<ReturnType<typeof embeddedFrame>>>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of frame.body) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('embedded images served frame by frame', () => {
  it('indexes an uncompressed slice with its DICOM JSON and lists it with a frame URL and that metadata', async () => {
    const index = await indexFolder(await sampleFolder());
    expect(index.instances).toHaveLength(3);
    const one = index.instances.find((i) => i.header.instanceNumber === 2);
    expect(one?.image?.pixelData?.encapsulated).toBe(false);
    expect(one?.image?.pixelData?.length).toBe(12);
    const ref = embeddedInstanceRef(one!.header, one!.image);
    expect(ref.url).toBe(`/api/files/${STUDY}.4.2/frames/1`);
    const json = ref.metadata as Record<string, { Value?: unknown[] }>;
    expect(json['00280010']?.Value).toEqual([2]);
    expect(json['00280011']?.Value).toEqual([3]);
    expect(json['00281052']?.Value).toEqual([-1024]);
    expect(json['00200032']?.Value).toEqual([0, 0, -2]);
    expect(json['00020010']?.Value).toEqual(['1.2.840.10008.1.2.1']);
  });

  it('answers /frames/1 as a one-part multipart/related holding exactly the pixel bytes', async () => {
    const dir = await sampleFolder();
    const frame = await embeddedFrame(path.join(dir, 'IM1.dcm'));
    expect(frame).toBeDefined();
    const type = String(frame!.headers['content-type']);
    expect(type).toMatch(/^multipart\/related; type="application\/octet-stream"; transfer-syntax=1\.2\.840\.10008\.1\.2\.1; boundary=/);
    const boundary = /boundary=(.+)$/.exec(type)![1]!;
    const body = await bodyOf(frame!);
    expect(body.length).toBe(frame!.headers['content-length']);
    const head = `--${boundary}\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\nContent-Length: 12\r\n\r\n`;
    expect(body.subarray(0, head.length).toString('latin1')).toBe(head);
    expect([...body.subarray(head.length, head.length + 12)]).toEqual(PIXEL_BYTES);
    expect(body.subarray(head.length + 12).toString('latin1')).toBe(`\r\n--${boundary}--\r\n`);
  });

  it('keeps the whole-file path for compressed, multi-frame and colour images', () => {
    const h = { sopInstanceUID: '1.2.3', hasPixelData: true, transferSyntaxUID: '1.2.840.10008.1.2.1' } as InstanceHeader;
    const native: ImageAttributes = { json: {}, pixelData: { encapsulated: false, offset: 300, length: 12 } };
    expect(servesFrames(h, native)).toBe(true);
    expect(servesFrames({ ...h, transferSyntaxUID: '1.2.840.10008.1.2.4.80' }, native)).toBe(false);
    expect(servesFrames(h, { json: {}, pixelData: { encapsulated: true, offset: 300, length: 12, fragments: [] } })).toBe(false);
    expect(servesFrames({ ...h, numberOfFrames: 40 }, native)).toBe(false);
    expect(servesFrames({ ...h, samplesPerPixel: 3 }, native)).toBe(false);
    expect(servesFrames(h, { json: {} })).toBe(false);
    expect(embeddedInstanceRef({ ...h, numberOfFrames: 40 }, native)).toEqual({ url: '/api/files/1.2.3' });
  });

  it('serves the listing and the frame over HTTP, and 404 for an unknown instance', async () => {
    const dir = await sampleFolder();
    const index = await indexFolder(dir);
    const config = { host: '127.0.0.1', port: 0, dataDir: dir, sampleDir: dir, distDir: path.join(dir, 'no-dist'), version: 'test' };
    const server = createServer(createApp(config, createCatalogue(index.instances, studyListings)));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const listing = (await (await fetch(`${base}/api/studies/${STUDY}/series/${SERIES}/instances`)).json()) as { instances: { url: string; metadata?: unknown }[] };
    expect(listing.instances.map((i) => i.url).sort()).toEqual([1, 2, 3].map((k) => `/api/files/${STUDY}.4.${k}/frames/1`));
    expect(listing.instances.every((i) => i.metadata !== undefined)).toBe(true);
    const res = await fetch(`${base}${listing.instances[0]!.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/related/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const start = Buffer.from(bytes).indexOf('\r\n\r\n') + 4;
    expect([...bytes.subarray(start, start + 12)]).toEqual(PIXEL_BYTES);
    expect((await fetch(`${base}/api/files/1.2.999/frames/1`)).status).toBe(404);
    // The whole file is still served where the viewer (or a download) asks for it.
    expect((await fetch(`${base}/api/files/${STUDY}.4.1`)).status).toBe(200);
  });
});

import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SeriesInstances, StudyListing } from '../../src/dicom/studyListing';
import { startServer } from '../../src/server/main';
import { createInstance, dicomFilesIn, orthancSkipReason, startOrthanc, stowFiles, type Orthanc } from '../support/orthanc';
import { sharedDicom, sharedSkipReason } from '../support/paths';

const cortDir = path.join(sharedDicom, 'real/ct-torso-spine-cort');
// The frame fetches on the real series need ../shared; say so once when they are left out.
sharedSkipReason('the credentialed frame fetches on the real CORT series');
const USER = 'percuplan';
const PASSWORD = `pw-${randomUUID()}`;
const WRONG_PASSWORD = `wrong-${randomUUID()}`;
const FRAME_ACCEPT = 'multipart/related; type=application/octet-stream; transfer-syntax=*';

/** Every form in which a credential could leak. */
const SECRETS = [
  PASSWORD,
  WRONG_PASSWORD,
  Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
  Buffer.from(`${USER}:${WRONG_PASSWORD}`).toString('base64'),
];

const skip = orthancSkipReason();

describe.skipIf(skip !== undefined)('DICOMweb with PACS credentials, and a PACS that stops', () => {
  let orthanc: Orthanc;
  let server: { url: string; close: () => Promise<void> } | undefined;
  const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-auth-'));
  const noSamples = mkdtempSync(path.join(temp, 'no-samples-'));
  /** Every body and header our server sent, and every line it logged. */
  const seen: string[] = [];
  let studyUid = '';

  /** Starts our server with these PACS settings, closing the previous one (they share a data folder). */
  const start = async (env: Record<string, string>): Promise<string> => {
    await server?.close();
    server = await startServer({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SAMPLE_DIR: noSamples,
      DATA_DIR: path.join(temp, 'data'),
      PERCUPLAN_DEMO: '0',
      DICOMWEB_URL: orthanc.dicomweb,
      DICOMWEB_USER: '',
      DICOMWEB_PASSWORD: '',
      DICOMWEB_AUTHORIZATION: '',
      ...env,
    });
    return server.url;
  };
  const get = async (url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> => {
    const r = await fetch(url, { headers });
    const text = Buffer.from(await r.arrayBuffer()).toString('latin1');
    seen.push(text, JSON.stringify([...r.headers]));
    return { status: r.status, text, headers: r.headers };
  };

  beforeAll(async () => {
    for (const level of ['log', 'warn', 'error'] as const) {
      const original = console[level].bind(console);
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        seen.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
        original(...args);
      });
    }
    orthanc = await startOrthanc({ users: { [USER]: PASSWORD } });
    await createInstance(orthanc, { PatientName: 'PPAUTH^ONE', PatientID: 'PPA-1', StudyDate: '20240102', Modality: 'CT' });
    if (existsSync(cortDir)) {
      // A few slices of the real series are enough to fetch frames with credentials.
      const stow = await stowFiles(orthanc, (await dicomFilesIn(cortDir)).slice(0, 4));
      expect(stow.stored).toBe(4);
    }
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
    await orthanc?.stop();
    rmSync(temp, { recursive: true, force: true });
  });

  it('has authentication really on: Orthanc refuses a request without credentials', async () => {
    const r = await fetch(`${orthanc.dicomweb}/studies`);
    expect(r.status).toBe(401);
  });

  it('searches, opens and streams through the proxy with DICOMWEB_USER/DICOMWEB_PASSWORD', async () => {
    const url = await start({ DICOMWEB_USER: USER, DICOMWEB_PASSWORD: PASSWORD });
    const config = await get(`${url}/api/config`);
    // The PACS is named, and nothing of its credentials or URL reaches the browser.
    expect(JSON.parse(config.text)).toEqual({ dicomweb: { enabled: true, label: `PACS 127.0.0.1:${orthanc.port}` }, embedded: { folder: expect.any(String), problem: null }, auth: { mode: 'single-user', oidc: false } });
    expect(config.text).not.toContain(PASSWORD);
    expect(config.text).not.toContain(orthanc.dicomweb);

    const search = await get(`${url}/api/pacs/studies?patientName=PPAUTH`);
    expect(search.status).toBe(200);
    const page = JSON.parse(search.text) as { studies: StudyListing[] };
    expect(page.studies.map((s) => s.patientID)).toEqual(['PPA-1']);
    studyUid = page.studies[0]?.studyInstanceUID ?? '';

    const study = await get(`${url}/api/studies/${studyUid}`);
    expect(study.status).toBe(200);
    const series = (JSON.parse(study.text) as StudyListing).series[0]?.seriesInstanceUID ?? '';
    // The fixture has no pixel data: its series opens, with nothing to draw.
    const instances = await get(`${url}/api/studies/${studyUid}/series/${series}/instances`);
    expect(instances.status).toBe(200);
    expect((JSON.parse(instances.text) as SeriesInstances).instances).toEqual([]);

    const qido = await get(`${url}/dicomweb/studies?PatientID=PPA-1`);
    expect(qido.status).toBe(200);
    expect(qido.text).toContain('PPA-1');

    if (existsSync(cortDir)) {
      const cort = await get(`${url}/api/pacs/studies?patientId=matRad_default_patient_20250219`);
      const cortStudy = (JSON.parse(cort.text) as { studies: StudyListing[] }).studies[0]?.studyInstanceUID;
      const listing = await get(`${url}/api/studies/${cortStudy}`);
      const cortSeries = (JSON.parse(listing.text) as StudyListing).series[0]?.seriesInstanceUID;
      const sorted = await get(`${url}/api/studies/${cortStudy}/series/${cortSeries}/instances`);
      const body = JSON.parse(sorted.text) as SeriesInstances;
      expect(body.instances).toHaveLength(4);
      const pixels = await get(`${url}${body.instances[0]?.url}`, { accept: FRAME_ACCEPT });
      expect(pixels.status).toBe(200);
      expect(pixels.headers.get('content-type')).toMatch(/^multipart\/related/);
      expect(pixels.text.length).toBeGreaterThan(217 * 217 * 2);
    }
  });

  it('works with a whole DICOMWEB_AUTHORIZATION header too', async () => {
    const url = await start({ DICOMWEB_AUTHORIZATION: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` });
    const search = await get(`${url}/api/pacs/studies?patientId=PPA-1`);
    expect(search.status).toBe(200);
    expect((JSON.parse(search.text) as { studies: unknown[] }).studies).toHaveLength(1);
  });

  it('answers 502 naming the PACS when it refuses our credentials, and never asks the browser for a password', async () => {
    const url = await start({ DICOMWEB_USER: USER, DICOMWEB_PASSWORD: WRONG_PASSWORD });
    for (const p of ['/api/pacs/studies?patientId=PPA-1', '/dicomweb/studies?PatientID=PPA-1', `/api/studies/${studyUid}`]) {
      const r = await get(`${url}${p}`);
      expect(r.status, p).toBe(502);
      expect(r.headers.get('www-authenticate'), p).toBeNull();
      const { error } = JSON.parse(r.text) as { error: string };
      expect(error, p).toContain(`The PACS at ${orthanc.dicomweb} refused our credentials (HTTP 401)`);
    }
  });

  it('answers 502 with a clear message naming the PACS once it has stopped', async () => {
    const url = await start({ DICOMWEB_USER: USER, DICOMWEB_PASSWORD: PASSWORD });
    await orthanc.stop();
    for (const p of [
      '/api/pacs/studies?patientName=PPAUTH',
      '/dicomweb/studies?PatientID=PPA-1',
      `/api/studies/${studyUid}`,
      `/api/studies/${studyUid}/series/1.2.3/instances`,
    ]) {
      const r = await get(`${url}${p}`);
      expect(r.status, p).toBe(502);
      const { error } = JSON.parse(r.text) as { error: string };
      expect(error, p).toMatch(new RegExp(`^The PACS at ${orthanc.dicomweb.replace(/[.]/g, '\\.')} did not answer: .*ECONNREFUSED`));
    }
    const config = await get(`${url}/api/config`);
    expect(config.status).toBe(200);
  });

  it('never let a credential into a response body, a header or the log', () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const secret of SECRETS) {
      const leaks = seen.filter((t) => t.includes(secret));
      expect(leaks, `leaked ${secret.slice(0, 6)}…`).toEqual([]);
    }
  });
});

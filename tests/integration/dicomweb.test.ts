import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesInstances, StudyListing } from '../../src/dicom/studyListing';
import { startServer } from '../../src/server/main';
import { createCatalogue } from '../../src/server/catalogue';
import { indexFolder } from '../../src/server/embeddedSource';
import { studyListings as listStudies } from '../../src/dicom/studyListingFromGroups';
import { createInstance, dicomFilesIn, orthancSkipReason, startOrthanc, stowFiles, type Orthanc } from '../support/orthanc';
import { sampleDir, sharedDicom, sharedSkipReason } from '../support/paths';

const cortDir = path.join(sharedDicom, 'real/ct-torso-spine-cort');
const j2kDir = path.join(sharedDicom, 'real/ct-thoracolumbar-j2k');
const CORT_STUDY = '1.3.6.1.4.1.9590.100.1.2.338277512612948124906399482093883282282';
const CORT_SERIES = '1.3.6.1.4.1.9590.100.1.2.18438027510408799714531206651189127050';
/** The Accept header Cornerstone's wadors loader sends for frames. */
const FRAME_ACCEPT = 'multipart/related; type=application/octet-stream; transfer-syntax=*';

const skipOrthanc = orthancSkipReason();
const skipReal = skipOrthanc ?? sharedSkipReason('the DICOMweb tests on real series');
const hasDcmdump = (() => {
  try {
    execFileSync('dcmdump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface SearchPage {
  studies: StudyListing[];
  offset: number;
  limit: number;
  more: boolean;
}

/** The payload of the first part of a multipart/related body. */
function firstPart(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const start = body.indexOf(`--${boundary}`);
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(`\r\n--${boundary}`, headersEnd);
  return body.subarray(headersEnd + 4, end);
}

/** The PixelData value of an uncompressed Part 10 file whose pixel data is its last element. */
function pixelDataOf(file: string, length: number): Buffer {
  const bytes = readFileSync(file);
  const tagAndLength = Buffer.alloc(8);
  tagAndLength.writeUInt16LE(0x7fe0, 0);
  tagAndLength.writeUInt16LE(0x0010, 2);
  tagAndLength.writeUInt32LE(length, 4);
  const at = bytes.lastIndexOf(tagAndLength);
  if (at < 0 || at + 8 + length !== bytes.length) throw new Error(`${file}: pixel data of ${length} bytes not found at the end`);
  return bytes.subarray(at + 8);
}

/** ImagePositionPatient z and SOPInstanceUID of every file, as dcmtk's dcmdump reads them. */
function dcmdumpSlices(files: readonly string[]): { file: string; sop: string; z: number }[] {
  const out = execFileSync('dcmdump', ['+F', '+P', '0020,0032', '+P', '0008,0018', ...files], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return out
    .split(/^# dcmdump/m)
    .slice(1)
    .map((block) => {
      const file = /^ \(\d+\/\d+\): (.+)$/m.exec(block)?.[1] ?? '';
      const ipp = /\(0020,0032\) DS \[([^\]]+)\]/.exec(block)?.[1]?.split('\\').map(Number);
      const sop = /\(0008,0018\) UI \[([^\]]+)\]/.exec(block)?.[1];
      if (!ipp || ipp.length !== 3 || !sop) throw new Error(`dcmdump output without position or UID:\n${block}`);
      return { file, sop, z: ipp[2] ?? Number.NaN };
    });
}

/** Search fixtures: five patients no sample study shares, on distinct dates and modalities. */
const PATIENTS = [
  { name: 'PPTEST^ALPHA', id: 'PPT-001', date: '20230110', modality: 'CT', accession: 'PPT-A1' },
  { name: 'PPTEST^BRAVO', id: 'PPT-002', date: '20230215', modality: 'MR', accession: 'PPT-B1' },
  { name: 'PPTEST^CHARLIE', id: 'PPT-003', date: '20230320', modality: 'CT', accession: 'PPT-C1' },
  { name: 'PPTEST^DELTA', id: 'PPT-004', date: '20230425', modality: 'CT', accession: 'PPT-D1' },
  { name: 'PPTEST^ECHO', id: 'PPT-005', date: '20230530', modality: 'PT', accession: 'PPT-E1' },
] as const;

describe.skipIf(skipOrthanc !== undefined)('DICOMweb against a real Orthanc', () => {
  let orthanc: Orthanc;
  let server: { url: string; close: () => Promise<void> };
  const emptySamples = mkdtempSync(path.join(tmpdir(), 'percuplan-no-samples-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'percuplan-data-'));
  let cortStored = 0;

  const api = async <T>(p: string): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${server.url}${p}`);
    return { status: r.status, body: (await r.json()) as T };
  };
  const search = async (q: string): Promise<SearchPage> => {
    const r = await api<SearchPage>(`/api/pacs/studies?${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const names = (page: SearchPage): string[] => page.studies.map((s) => s.patientName ?? '').sort();

  beforeAll(async () => {
    const t0 = performance.now();
    orthanc = await startOrthanc();
    for (const p of PATIENTS) {
      const { study } = await createInstance(orthanc, {
        PatientName: p.name,
        PatientID: p.id,
        StudyDate: p.date,
        Modality: p.modality,
        AccessionNumber: p.accession,
        StudyDescription: `${p.modality} search fixture`,
        SeriesNumber: '1',
      });
      // CHARLIE's study gets an MR series too, so it has two modalities.
      if (p.id === 'PPT-003') await createInstance(orthanc, { Modality: 'MR', SeriesNumber: '2' }, study);
    }
    if (!skipReal) {
      const cort = await stowFiles(orthanc, await dicomFilesIn(cortDir));
      cortStored = cort.stored;
      const j2k = await stowFiles(orthanc, await dicomFilesIn(j2kDir));
      console.log(
        `[orthanc] STOW-RS: CORT ${cort.stored}/${cort.sent} stored; thoracolumbar J2K ${j2k.stored}/${j2k.sent} stored, ` +
          `${j2k.rejected.length} rejected (Orthanc refuses files whose SOPInstanceUID is empty)`,
      );
    }
    if (existsSync(sampleDir)) {
      const samples = await stowFiles(orthanc, await dicomFilesIn(sampleDir));
      console.log(`[orthanc] STOW-RS: sample studies ${samples.stored}/${samples.sent} stored, ${samples.rejected.length} rejected`);
    }
    const t1 = performance.now();
    server = await startServer({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SAMPLE_DIR: emptySamples,
      DATA_DIR: dataDir,
      PERCUPLAN_DEMO: '0',
      DICOMWEB_URL: orthanc.dicomweb,
      DICOMWEB_USER: '',
      DICOMWEB_PASSWORD: '',
      DICOMWEB_AUTHORIZATION: '',
      DICOMWEB_LABEL: 'Test PACS',
    });
    const t2 = performance.now();
    console.log(`[orthanc] started and seeded in ${(t1 - t0).toFixed(0)} ms; our server started in ${(t2 - t1).toFixed(0)} ms`);
  });

  afterAll(async () => {
    await server?.close();
    await orthanc?.stop();
    rmSync(emptySamples, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says in /api/config that a PACS is configured, and nothing more', async () => {
    const r = await api<unknown>('/api/config');
    // The PACS's name and the embedded folder's state; nothing of the PACS's URL.
    expect(r).toEqual({ status: 200, body: { dicomweb: { enabled: true, label: 'Test PACS' }, embedded: { folder: expect.any(String), problem: null }, auth: { mode: 'single-user', oidc: false } } });
    expect(JSON.stringify(r.body)).not.toContain(orthanc.dicomweb);
  });

  describe('search (QIDO-RS)', () => {
    it('finds a patient by ID, with the study fields filled in', async () => {
      const page = await search('patientId=PPT-002');
      expect(page).toMatchObject({ offset: 0, limit: 25, more: false });
      expect(page.studies).toHaveLength(1);
      expect(page.studies[0]).toMatchObject({
        source: 'dicomweb',
        patientName: 'PPTEST^BRAVO',
        patientID: 'PPT-002',
        studyDate: '20230215',
        accessionNumber: 'PPT-B1',
        studyDescription: 'MR search fixture',
        modalities: ['MR'],
        imageCount: 1,
        series: [],
      });
    });

    it('matches a name as a case-insensitive prefix, and with wildcards as typed', async () => {
      expect(names(await search('patientName=pptest'))).toEqual(PATIENTS.map((p) => p.name));
      expect(names(await search('patientName=*CHAR*'))).toEqual(['PPTEST^CHARLIE']);
      expect(names(await search('patientName=NOSUCHPATIENT'))).toEqual([]);
    });

    it('filters by date range, modality and accession number', async () => {
      expect(names(await search('patientName=PPTEST&dateFrom=20230201&dateTo=20230430'))).toEqual([
        'PPTEST^BRAVO',
        'PPTEST^CHARLIE',
        'PPTEST^DELTA',
      ]);
      expect(names(await search('patientName=PPTEST&dateFrom=20230501'))).toEqual(['PPTEST^ECHO']);
      expect(names(await search('patientName=PPTEST&modality=mr'))).toEqual(['PPTEST^BRAVO', 'PPTEST^CHARLIE']);
      const charlie = await search('accession=PPT-C1');
      expect(charlie.studies.map((s) => [s.patientName, s.modalities])).toEqual([['PPTEST^CHARLIE', ['CT', 'MR']]]);
    });

    it('pages with offset and limit and says whether more follow', async () => {
      const pages = [];
      for (const offset of [0, 2, 4]) pages.push(await search(`patientName=PPTEST&limit=2&offset=${offset}`));
      expect(pages.map((p) => [p.studies.length, p.more])).toEqual([
        [2, true],
        [2, true],
        [1, false],
      ]);
      const uids = pages.flatMap((p) => p.studies.map((s) => s.studyInstanceUID));
      expect(new Set(uids).size).toBe(5);
      expect((await search('limit=1000')).limit).toBe(100);
    });

    it('answers 400 naming a bad parameter', async () => {
      const r = await api<{ error: string }>('/api/pacs/studies?dateFrom=2023-01-01');
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/dateFrom/);
    });
  });

  describe.skipIf(skipReal !== undefined)('the real CORT series', () => {
    const cortFiles = existsSync(cortDir)
      ? readdirSync(cortDir)
          .filter((f) => f.endsWith('.dcm'))
          .map((f) => path.join(cortDir, f))
      : [];

    it('was stored whole by STOW-RS', () => {
      expect(cortStored).toBe(168);
    });

    it('opens from /api/studies/:uid although the embedded source is empty', async () => {
      expect((await api<StudyListing[]>('/api/studies')).body).toEqual([]);
      const r = await api<StudyListing>(`/api/studies/${CORT_STUDY}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        studyInstanceUID: CORT_STUDY,
        source: 'dicomweb',
        patientID: 'matRad_default_patient_20250219',
        studyDate: '20250219',
        modalities: ['CT'],
        imageCount: 168,
        series: [{ seriesInstanceUID: CORT_SERIES, seriesNumber: 1, modality: 'CT', instanceCount: 168, imageCount: 168 }],
      });
      expect((await api<{ error: string }>('/api/studies/1.2.3.4.5.6.7')).status).toBe(404);
    });

    it.skipIf(!hasDcmdump)('lists the series in slice order with the spacing dcmdump reads from the files', async () => {
      const r = await api<SeriesInstances>(`/api/studies/${CORT_STUDY}/series/${CORT_SERIES}/instances`);
      expect(r.status).toBe(200);
      const truth = dcmdumpSlices(cortFiles).sort((a, b) => a.z - b.z);
      expect(truth).toHaveLength(168);
      const steps = new Set(truth.slice(1).map((s, i) => (s.z - (truth[i]?.z ?? 0)).toFixed(3)));
      expect([...steps]).toEqual(['2.500']);
      expect(r.body.instances.map((i) => i.sopInstanceUID)).toEqual(truth.map((s) => s.sop));
      expect(r.body.instances.map((i) => i.imagePositionPatient?.[2])).toEqual(truth.map((s) => s.z));
      expect(r.body).toMatchObject({ reconstructable: true, reasons: [], sliceSpacingMm: 2.5 });
      const first = r.body.instances[0];
      expect(first?.url).toBe(`/dicomweb/studies/${CORT_STUDY}/series/${CORT_SERIES}/instances/${first?.sopInstanceUID}/frames/1`);
      expect(first?.metadata?.['00280010']).toEqual({ vr: 'US', Value: [217] });
      expect(first?.metadata?.['7FE00010']).toEqual({
        vr: 'OW',
        BulkDataURI: `/dicomweb/studies/${CORT_STUDY}/series/${CORT_SERIES}/instances/${first?.sopInstanceUID}/bulk/7fe00010`,
      });
    });

    it('streams a frame through the proxy byte for byte as Orthanc sends it, equal to the file', async () => {
      const { body } = await api<SeriesInstances>(`/api/studies/${CORT_STUDY}/series/${CORT_SERIES}/instances`);
      const inst = body.instances[10];
      if (!inst) throw new Error('no instance');
      const viaProxy = await fetch(`${server.url}${inst.url}`, { headers: { accept: FRAME_ACCEPT } });
      const direct = await fetch(`${orthanc.dicomweb}${inst.url.slice('/dicomweb'.length)}`, { headers: { accept: FRAME_ACCEPT } });
      expect(viaProxy.status).toBe(200);
      const type = viaProxy.headers.get('content-type') ?? '';
      expect(type).toMatch(/^multipart\/related/);
      expect(type).toContain('transfer-syntax=1.2.840.10008.1.2');
      const proxied = firstPart(Buffer.from(await viaProxy.arrayBuffer()), type);
      const original = firstPart(Buffer.from(await direct.arrayBuffer()), direct.headers.get('content-type') ?? '');
      expect(proxied.length).toBe(217 * 217 * 2);
      expect(proxied.equals(original)).toBe(true);
      if (hasDcmdump) {
        const file = dcmdumpSlices(cortFiles).find((s) => s.sop === inst.sopInstanceUID)?.file;
        expect(file).toBeDefined();
        expect(proxied.equals(pixelDataOf(file ?? '', 217 * 217 * 2))).toBe(true);
      }
    });

    it('points the BulkDataURIs of proxied metadata back at the proxy, and they resolve', async () => {
      const r = await fetch(`${server.url}/dicomweb/studies/${CORT_STUDY}/series/${CORT_SERIES}/metadata`);
      expect(r.status).toBe(200);
      const text = await r.text();
      expect(text).not.toContain(orthanc.url);
      const json = JSON.parse(text) as Record<string, { BulkDataURI?: string }>[];
      const bulk = json[0]?.['7FE00010']?.BulkDataURI ?? '';
      expect(bulk.startsWith(`${server.url}/dicomweb/studies/${CORT_STUDY}/`)).toBe(true);
      const pixels = await fetch(bulk, { headers: { accept: FRAME_ACCEPT } });
      expect(pixels.status).toBe(200);
      expect(firstPart(Buffer.from(await pixels.arrayBuffer()), pixels.headers.get('content-type') ?? '').length).toBe(217 * 217 * 2);
    });

    it('streams a whole series retrieve (16 MB of multipart/related) as it comes, every instance in it', async () => {
      const r = await fetch(`${server.url}/dicomweb/studies/${CORT_STUDY}/series/${CORT_SERIES}`, {
        headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
      });
      expect(r.status).toBe(200);
      // Orthanc sends this chunked; a proxy that buffered would have to give a length.
      expect(r.headers.get('content-length')).toBeNull();
      const boundary = /boundary="?([^";]+)"?/.exec(r.headers.get('content-type') ?? '')?.[1] ?? '';
      const chunks: Buffer[] = [];
      const reader = r.body?.getReader();
      for (let c = await reader?.read(); c && !c.done; c = await reader?.read()) chunks.push(Buffer.from(c.value));
      const body = Buffer.concat(chunks);
      expect(chunks.length).toBeGreaterThan(1);
      expect(body.length).toBeGreaterThan(168 * 217 * 217 * 2);
      expect(body.toString('latin1').split(`--${boundary}\r\n`).length - 1).toBe(168);
    });

    it('lets the browser abandon a retrieve midway and goes on serving', async () => {
      const abort = new AbortController();
      const r = await fetch(`${server.url}/dicomweb/studies/${CORT_STUDY}/series/${CORT_SERIES}`, {
        headers: { accept: 'multipart/related; type="application/dicom"' },
        signal: abort.signal,
      });
      const reader = r.body?.getReader();
      await reader?.read();
      abort.abort();
      await reader?.read().catch(() => undefined);
      const again = await fetch(`${server.url}/dicomweb/studies/${CORT_STUDY}/series/${CORT_SERIES}/metadata`);
      expect(again.status).toBe(200);
      expect(((await again.json()) as unknown[]).length).toBe(168);
    });
  });

  it.skipIf(!existsSync(sampleDir))('opens every sample study from the PACS as the embedded source opens it', async () => {
    const index = await indexFolder(sampleDir);
    const embedded = createCatalogue(index.instances, listStudies);
    expect(embedded.studies().length).toBeGreaterThan(0);
    for (const study of embedded.studies()) {
      const fromPacs = await api<StudyListing>(`/api/studies/${study.studyInstanceUID}`);
      expect(fromPacs.status).toBe(200);
      expect(fromPacs.body.source).toBe('dicomweb');
      expect(fromPacs.body.series.map((s) => s.seriesInstanceUID)).toEqual(study.series.map((s) => s.seriesInstanceUID));
      for (const series of study.series) {
        const mine = embedded.seriesInstances(study.studyInstanceUID, series.seriesInstanceUID);
        const theirs = await api<SeriesInstances>(`/api/studies/${study.studyInstanceUID}/series/${series.seriesInstanceUID}/instances`);
        const what = `${study.studyDescription ?? study.studyInstanceUID} / ${series.seriesDescription ?? series.seriesInstanceUID}`;
        expect(theirs.body.instances.map((i) => i.sopInstanceUID), what).toEqual(mine?.instances.map((i) => i.sopInstanceUID));
        expect([theirs.body.reconstructable, theirs.body.sliceSpacingMm, theirs.body.reasons], what).toEqual([
          mine?.reconstructable,
          mine?.sliceSpacingMm,
          mine?.reasons,
        ]);
      }
    }
  });

  describe('the proxy', () => {
    it('passes QIDO-RS through with the PACS URLs rewritten to ours', async () => {
      const r = await fetch(`${server.url}/dicomweb/studies?PatientID=PPT-001`);
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      const [study] = (await r.json()) as Record<string, { Value?: string[] }>[];
      expect(study?.['00081190']?.Value?.[0]).toMatch(new RegExp(`^${server.url}/dicomweb/studies/[0-9.]+$`));
    });

    it('refuses every method but GET and HEAD with 405', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const r = await fetch(`${server.url}/dicomweb/studies`, { method, body: method === 'DELETE' ? undefined : 'x' });
        expect(r.status, method).toBe(405);
        expect(r.headers.get('allow')).toBe('GET, HEAD');
        expect(((await r.json()) as { error: string }).error).toMatch(/read-only/);
      }
      const head = await fetch(`${server.url}/dicomweb/studies?PatientID=PPT-001`, { method: 'HEAD' });
      expect(head.status).toBe(200);
    });

    it('reaches nothing of Orthanc outside its DICOMweb root', async () => {
      for (const p of ['/dicomweb/..%2fsystem', '/dicomweb/studies/%2e%2e/%2e%2e/system', '/dicomweb/studies\\..\\system']) {
        const r = await fetch(`${server.url}${p}`);
        const text = await r.text();
        expect(text, p).not.toContain('ApiVersion');
      }
    });

    it('passes the PACS 404 for an unknown series', async () => {
      const r = await fetch(`${server.url}/dicomweb/studies/1.2.3/series/4.5/metadata`);
      expect(r.status).toBe(404);
    });
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { sampleDir, sharedDicom, sharedSkipReason } from '../support/paths';
import { dicomFilesIn, orthancSkipReason, startOrthanc, stowFiles, type Orthanc } from '../support/orthanc';
import { decodeMask } from '../../src/planning/encoding/encodeMask';
import type { StoredMask } from '../../src/planning/encoding/storedMask';
import { ViewerPage } from './viewerPage';

const LIVER = path.join(sharedDicom, 'interop/liver-ct3-multi-vendor-seg');
const SMALL = path.join(sharedDicom, 'interop/dcmqi-small-seg/23x38x3');
const LIVER_STUDY = '1.2.392.200103.20080913.113635.0.2009.6.22.21.43.10.22941.1';
const SMALL_STUDY = '1.2.826.0.1.3680043.2.1125.1.99615878007501689887866317012655114';
/** SOP Instance UIDs (dcmdump +P 0008,0018 of each file). */
const OVERLAPS = '1.2.276.0.7230010.3.1.4.13879174.191011.1701890452.128470';
const SMALL_SEG = '1.2.276.0.7230010.3.1.4.0.65241.1523399608.764874';

const files = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.dcm')).map((n) => path.join(dir, n));

const localSkip = sharedSkipReason('the interop end-to-end tests on ../shared/dicom/interop');
if (localSkip) console.log(`interop e2e (local files) skipped: ${localSkip}`);

describe.skipIf(!!localSkip)('SEG objects from other tools, dropped as local files', () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let viewer: ViewerPage;

  beforeAll(async () => {
    server = await startTestServer({ PERCUPLAN_DEMO: '0' }, { samples: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    errors = watchErrors(page);
    viewer = new ViewerPage(page, server.url);
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="drop-zone"]');
    const all = [...files(path.join(LIVER, 'ct')), ...files(LIVER), ...files(path.join(SMALL, 'image')), path.join(SMALL, 'seg.dcm')];
    expect(all).toHaveLength(11);
    await page.setInputFiles('[data-testid="file-input"]', all);
    await page.waitForFunction(() => /Read 11 of 11 files into 2 stud/.test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the four SEGs on the 3-slice liver CT by kind and segment count, and draws the 5 overlapping segments over the CT', async () => {
    await page.locator(`tr[data-study-uid="${LIVER_STUDY}"]`).locator('button', { hasText: 'Open' }).click();
    await viewer.waitReady();
    const objects = await viewer.importedObjects(4);
    expect(objects).toHaveLength(4);
    const byKey = new Map(objects.map((o) => [o.key, o]));
    // Segment counts from the files' SegmentSequence (pydicom / dcmdump, see SOURCE.txt): 5 in
    // partial_overlaps, 1 in each of the others.
    expect(byKey.get(OVERLAPS)?.kind, JSON.stringify(objects)).toBe('Segmentation · 5 segments · dcmqi');
    expect(byKey.get('1.2.276.0.7230010.3.1.4.0.42154.1458337731.665796')?.kind).toBe('Segmentation · 1 segment · dcmqi');
    // syngo.via and the 2012 Slicer writer: read, or named with the reason they are not.
    for (const key of ['1.3.12.2.1107.5.8.15.100598.30000012060416514018200000084', '1.2.276.0.7230010.3.1.4.0.9625.1345852568.149995']) {
      const o = byKey.get(key);
      expect(o, key).toBeDefined();
      if (o?.readable) expect(o.kind).toMatch(/^Segmentation · 1 segment · (syngo\.via|3D Slicer)$/);
      else expect(o?.text).toMatch(/\.dcm: \S/);
    }

    await viewer.showOverCt(OVERLAPS);
    const segments = await viewer.importedSegments(OVERLAPS);
    // Set bits per segment counted by pydicom 2.3.1 over the frames naming each segment
    // (ReferencedSegmentNumber), all frames on the 3 CT slices.
    expect(segments.map((s) => [s.label, s.voxels])).toEqual([
      ['GREEN', 9602],
      ['ORANGE', 11888],
      ['PURPLE', 10743],
      ['LIGHT_BLUE', 6693],
      ['DARK_BLUE', 4713],
    ]);
    // Every slice of this CT holds segments; the middle one is shown: the overlay carries pixels
    // of the segments' own colours (translucent fill and dashed outline).
    await page.waitForFunction(() => true);
    let coloured = 0;
    for (let t = 0; t < 40 && coloured < 500; t++) {
      coloured = 0;
      for (const s of segments) coloured += await viewer.overlayColourPixels('axial', s.colour);
      if (coloured < 500) await page.waitForTimeout(250);
    }
    expect(coloured).toBeGreaterThan(500);
    await snap(page, 'interop-local-liver-overlaps');
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('places the dcmqi SEG on the 23×38 grid (frames straddling byte boundaries) and draws it', async () => {
    await page.goBack();
    await page.waitForSelector(`tr[data-study-uid="${SMALL_STUDY}"]`);
    await page.locator(`tr[data-study-uid="${SMALL_STUDY}"]`).locator('button', { hasText: 'Open' }).click();
    await viewer.waitReady();
    const objects = await viewer.importedObjects(1);
    expect(objects.map((o) => o.kind), JSON.stringify(objects)).toEqual(['Segmentation · 1 segment · dcmqi']);
    await viewer.showOverCt(SMALL_SEG);
    const segments = await viewer.importedSegments(SMALL_SEG);
    // pydicom: 322 set bits over the 3 frames of 23 × 38 (874 bits each, not a whole number of bytes).
    expect(segments.map((s) => [s.label, s.voxels])).toEqual([['Liver', 322]]);
    let coloured = 0;
    for (let t = 0; t < 40 && coloured === 0; t++) {
      coloured = await viewer.overlayColourPixels('axial', segments[0]!.colour);
      if (coloured === 0) await page.waitForTimeout(250);
    }
    expect(coloured).toBeGreaterThan(50);
    await snap(page, 'interop-local-small-seg');
  });
});

/** The parts of a stored plan this test compares. */
interface PlanDoc {
  id: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  content: {
    lesions: { id: string; label: string; segmentation: StoredMask | null }[];
    trajectories: { label: string; deviceId: string; entry: [number, number, number]; target: [number, number, number] }[];
  };
}

/** The set voxels of a stored mask as linear indices of its volume, for a voxel-for-voxel comparison. */
function voxelsOf(stored: StoredMask): number[] {
  const m = decodeMask(stored);
  if (!m.ok) throw new Error(m.error);
  const { box, data, dimensions: [nx, ny] } = m.value;
  const out: number[] = [];
  for (let z = 0; z < box.size[2]; z++)
    for (let y = 0; y < box.size[1]; y++)
      for (let x = 0; x < box.size[0]; x++)
        if (data[(z * box.size[1] + y) * box.size[0] + x]) out.push(((box.offset[2] + z) * ny + box.offset[1] + y) * nx + box.offset[0] + x);
  return out;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Colours of imported SR lines and markers (src/imaging/imported/placeObject.ts GRAPHIC_COLOURS). */
const SR_COLOURS = ['#ff5cf0', '#3bf0c8', '#ff922b', '#74c0fc', '#b197fc', '#a9e34b'];

const pacsSkip = orthancSkipReason();
if (pacsSkip) console.log(`interop e2e (PACS round trip) skipped: ${pacsSkip}`);

describe.skipIf(!!pacsSkip)('a demo plan sent to the PACS as SEG + SR, opened from the PACS in a fresh page, adopted into a new plan', () => {
  let orthanc: Orthanc;
  let sender: { url: string; close: () => Promise<void> };
  let viewerServer: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let viewer: ViewerPage;
  let plan: PlanDoc;
  let segKey = '';
  let srKey = '';

  beforeAll(async () => {
    orthanc = await startOrthanc();
    // The server that holds the demo plans on its embedded samples and sends one to the PACS.
    sender = await startTestServer({ DICOMWEB_URL: orthanc.dicomweb, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-interop-a-')) });
    const { cases } = await json<{ cases: { id: string }[] }>(`${sender.url}/api/cases`);
    const plans = (await Promise.all(cases.map((c) => json<{ plans: PlanDoc[] }>(`${sender.url}/api/cases/${c.id}/plans`)))).flatMap((p) => p.plans);
    const folder = path.join(sampleDir, 'case3-spine-ct');
    const ctFiles = await dicomFilesIn(folder);
    const study = dicomParser.parseDicom(new Uint8Array(readFileSync(ctFiles[0]!))).string('x0020000d');
    const summary = plans.find((p) => p.studyInstanceUID === study);
    if (!summary) throw new Error(`no demo plan on ${folder} (study ${study})`);
    plan = await json<PlanDoc>(`${sender.url}/api/plans/${summary.id}`);
    expect(plan.content.lesions.length).toBeGreaterThan(0);
    expect(plan.content.trajectories.length).toBeGreaterThan(0);
    // The CT goes to the PACS as a hospital's would; the plan's objects through the app's own route.
    const ct = await stowFiles(orthanc, ctFiles);
    expect(ct.stored).toBe(ctFiles.length);
    const stored = await json<{ stored: { sopClassUID: string; sopInstanceUID: string }[]; failed: unknown[] }>(`${sender.url}/api/plans/${plan.id}/dicom/store`, { method: 'POST', headers: { accept: 'application/json' } });
    expect(stored.failed).toEqual([]);
    segKey = stored.stored.find((x) => x.sopClassUID === '1.2.840.10008.5.1.4.1.1.66.4')!.sopInstanceUID;
    srKey = stored.stored.find((x) => x.sopClassUID === '1.2.840.10008.5.1.4.1.1.88.34')!.sopInstanceUID;
    // Another server with no embedded samples: the study exists for it only on the PACS.
    viewerServer = await startTestServer(
      { DICOMWEB_URL: orthanc.dicomweb, PERCUPLAN_DEMO: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-interop-b-')) },
      { samples: false },
    );
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    errors = watchErrors(page);
    viewer = new ViewerPage(page, viewerServer.url);
  });
  afterAll(async () => {
    await browser?.close();
    await viewerServer?.close();
    await sender?.close();
    await orthanc?.stop();
  });

  it("lists the plan's SEG and SR from the PACS and draws its lesion and needles from them over the CT", async () => {
    await viewer.open(plan.studyInstanceUID);
    const objects = await viewer.importedObjects(2, 120_000);
    const byKey = new Map(objects.map((o) => [o.key, o]));
    expect(byKey.get(segKey)?.kind, JSON.stringify(objects)).toMatch(/^Segmentation · \d+ segments · PercuPlan$/);
    expect(byKey.get(srKey)?.kind, JSON.stringify(objects)).toMatch(/^Measurement report \(TID 1500\) · \d+ groups · PercuPlan$/);
    await viewer.showOverCt(segKey);
    await viewer.showOverCt(srKey);
    const segments = await viewer.importedSegments(segKey, 120_000);
    const lesion = plan.content.lesions[0]!;
    const lesionSeg = segments.find((s) => s.label === lesion.label);
    expect(lesionSeg, JSON.stringify(segments)).toBeDefined();
    // The segment placed on the PACS CT has exactly the plan's voxels (count; the voxel-for-voxel check is the adoption test).
    expect(lesionSeg!.voxels).toBe(lesion.segmentation!.voxelCount);
    for (const t of plan.content.trajectories) {
      await viewer.jumpTo(t.target);
      let near = 0;
      for (let i = 0; i < 40 && near === 0; i++) {
        near = await viewer.overlayColourPixelsNear('axial', t.target, 6, SR_COLOURS);
        if (near === 0) await page.waitForTimeout(250);
      }
      // The SR's marker at the needle's target, on the target's own slice.
      expect(near, t.label).toBeGreaterThan(10);
    }
    await viewer.jumpTo(plan.content.trajectories[0]!.target);
    await page.waitForTimeout(500);
    expect(await viewer.overlayColourPixels('axial', lesionSeg!.colour)).toBeGreaterThan(20);
    await snap(page, 'interop-pacs-plan-seg-sr');
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('adopts the lesion segment and the first needle into a new plan on the PACS CT: saved with the same voxels and points', async () => {
    const lesion = plan.content.lesions[0]!;
    const traj = plan.content.trajectories[0]!;
    await page.waitForSelector('[data-testid="plan-panel"]');
    await viewer.newPlan().catch(() => undefined);
    const seg = page.locator(`[data-testid="imported-entry"][data-key="${segKey}"] [data-testid="imported-segment"][data-label="${lesion.label}"]`);
    await seg.locator('[data-testid="adopt-role"]').selectOption('lesion');
    await seg.locator('[data-testid="adopt-segment"]').click();
    await page.waitForFunction(() => /added to the plan/.test(document.querySelector('[data-testid="adopt-message"]')?.textContent ?? ''));
    const group = page.locator(`[data-testid="imported-entry"][data-key="${srKey}"] [data-testid="imported-group"][data-tracking-id="${traj.label}"]`);
    await group.locator('[data-testid="adopt-device"]').selectOption(traj.deviceId);
    await group.locator('[data-testid="adopt-trajectory"]').click();
    await viewer.waitTrajectoryRows(1);
    await snap(page, 'interop-pacs-adopted');
    const id = await viewer.savePlan();
    const saved = await json<PlanDoc>(`${viewerServer.url}/api/plans/${id}`);
    expect(saved.content.lesions).toHaveLength(1);
    const mine = saved.content.lesions[0]!;
    expect(mine.label).toBe(lesion.label);
    expect(mine.segmentation!.voxelCount).toBe(lesion.segmentation!.voxelCount);
    expect(voxelsOf(mine.segmentation!)).toEqual(voxelsOf(lesion.segmentation!));
    expect(saved.content.trajectories).toHaveLength(1);
    const t = saved.content.trajectories[0]!;
    expect(t.deviceId).toBe(traj.deviceId);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(t.entry[i]! - traj.entry[i]!)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(t.target[i]! - traj.target[i]!)).toBeLessThanOrEqual(0.01);
    }
  });
});

describe.skipIf(!!localSkip)("a SEG in the server's embedded folder", () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // An embedded folder holding only the 23×38×3 CT and its dcmqi SEG.
    const dir = mkdtempSync(path.join(tmpdir(), 'percuplan-interop-embedded-'));
    mkdirSync(path.join(dir, 'small'));
    for (const f of [...files(path.join(SMALL, 'image')), path.join(SMALL, 'seg.dcm')]) copyFileSync(f, path.join(dir, 'small', path.basename(f)));
    server = await startTestServer({ SAMPLE_DIR: dir, PERCUPLAN_DEMO: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-interop-c-')) }, { samples: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists it by kind from the server, places it on the CT with its 322 voxels and draws it', async () => {
    expect((await fetch(`${server.url}/api/studies/${SMALL_STUDY}/series/1.2.3.4/objects`)).status).toBe(404);
    const viewer = new ViewerPage(page, server.url);
    await viewer.open(SMALL_STUDY);
    const objects = await viewer.importedObjects(1);
    expect(objects.map((o) => [o.key, o.kind])).toEqual([[SMALL_SEG, 'Segmentation · 1 segment · dcmqi']]);
    await viewer.showOverCt(SMALL_SEG);
    const segments = await viewer.importedSegments(SMALL_SEG);
    expect(segments.map((s) => [s.label, s.voxels])).toEqual([['Liver', 322]]);
    let coloured = 0;
    for (let t = 0; t < 40 && coloured === 0; t++) {
      coloured = await viewer.overlayColourPixels('axial', segments[0]!.colour);
      if (coloured === 0) await page.waitForTimeout(250);
    }
    expect(coloured).toBeGreaterThan(50);
    await snap(page, 'interop-embedded-small-seg');
  });
});

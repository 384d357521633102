import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { hasShared, sharedDicom, sharedSkipReason } from '../support/paths';

const walk = (d: string): string[] =>
  readdirSync(d)
    .sort()
    .flatMap((n) => {
      const p = path.join(d, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });

const TS_DIR = path.join(sharedDicom, 'robustness/transfer-syntaxes');
const REFERENCE = 'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm';
const LOSSLESS = [
  'CTImage.dcm',
  'CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm',
  'CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm',
  'CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm',
  'CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm',
  'CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm',
  'CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm',
  'CTImage.dcm_JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57.dcm',
  'CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm',
];
const LOSSY = [
  'CTImage.dcm_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm',
  'CTImage.dcm_JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm',
  'CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm',
  'CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm',
];

/** HU of the uncompressed reference, read here with dicom-parser and the file's own rescale. */
function referenceHu(): { rows: number; columns: number; values: number[] } {
  const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(path.join(TS_DIR, REFERENCE))));
  const rows = ds.uint16('x00280010')!;
  const columns = ds.uint16('x00280011')!;
  const signed = ds.uint16('x00280103') === 1;
  const slope = Number(ds.string('x00281053') ?? '1');
  const intercept = Number(ds.string('x00281052') ?? '0');
  const el = ds.elements['x7fe00010']!;
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + el.dataOffset, rows * columns * 2);
  const values = Array.from({ length: rows * columns }, (_, i) => (signed ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true)) * slope + intercept);
  return { rows, columns, values };
}

const skip = sharedSkipReason('local-file tests on ../shared/dicom');

describe.skipIf(!hasShared)('local files dropped on the worklist', () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startTestServer({}, { samples: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    errors = watchErrors(page);
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="drop-zone"]');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads the whole robustness folder at once: good files load, every other file is named with a reason', async () => {
    const files = walk(path.join(sharedDicom, 'robustness'));
    await page.setInputFiles('[data-testid="file-input"]', files);
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor({ timeout: 120_000 });
    const summary = await report.locator('div').first().innerText();
    const m = /Read (\d+) of (\d+) files into (\d+) stud/.exec(summary);
    expect(m, summary).not.toBeNull();
    const [read, total] = [Number(m![1]), Number(m![2])];
    // ZIP archives count as their entries (a bad one as itself).
    expect(total).toBeGreaterThanOrEqual(files.length);
    const listed = await report.locator('tr').count();
    // Every file is either read or listed with its reason.
    expect(read + listed).toBe(total);
    const rows = await report.locator('tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith('MR_truncated.dcm'))).toMatch(/truncated/);
    expect(rows.find((r) => r.startsWith('SOURCE.txt'))).toMatch(/not DICOM: text file/);
    expect(rows.find((r) => r.startsWith('zipMR.gz'))).toMatch(/gzip/);
    expect(rows.filter((r) => r.includes('dwv-test_bad.zip')).join(' ')).toMatch(/\S/);
    // The good files are listed as local studies, and the page still works.
    const studyRows = await page.locator('[data-testid="worklist"] tbody tr').count();
    expect(studyRows).toBe(Number(m![3]));
    await snap(page, 'local-import-robustness');
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('decodes every lossless transfer syntax to HU identical to the uncompressed file, and lossy ones close to it', async () => {
    const ref = referenceHu();
    const results = await page.evaluate(async (names) => {
      const h = window.__percuplan!;
      const files = h.localStudies.files();
      // Numbers cross the page boundary as base64 Float32 bytes: a JSON array of 3 million
      // numbers takes tens of seconds to serialise.
      const out: Record<string, { rows: number; columns: number; b64: string } | string> = {};
      for (const name of names) {
        const f = files.find((x) => x.path === name);
        if (!f) {
          out[name] = 'not imported';
          continue;
        }
        try {
          const px = await h.loadPixelValues({ url: f.url });
          const bytes = new Uint8Array(new Float32Array(px.values).buffer);
          let bin = '';
          for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          out[name] = { rows: px.rows, columns: px.columns, b64: btoa(bin) };
        } catch (e) {
          out[name] = `failed: ${String(e)}`;
        }
      }
      return out;
    }, [...LOSSLESS, ...LOSSY]);
    const decoded = Object.fromEntries(
      Object.entries(results).map(([k, v]) => {
        if (typeof v === 'string') return [k, v];
        const buf = Buffer.from(v.b64, 'base64');
        return [k, { rows: v.rows, columns: v.columns, values: Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4)) }];
      }),
    ) as Record<string, { rows: number; columns: number; values: number[] } | string>;
    const refValues = ref.values.map((v) => Math.fround(v));
    for (const name of LOSSLESS) {
      const r = decoded[name];
      expect(typeof r, `${name}: ${typeof r === 'string' ? r : ''}`).toBe('object');
      if (typeof r !== 'object') continue;
      expect([r.rows, r.columns], name).toEqual([ref.rows, ref.columns]);
      let differing = 0;
      for (let i = 0; i < refValues.length; i++) if (r.values[i] !== refValues[i]) differing++;
      expect(differing, `${name}: pixels differing from the uncompressed file`).toBe(0);
    }
    for (const name of LOSSY) {
      const r = decoded[name];
      expect(typeof r, `${name}: ${typeof r === 'string' ? r : ''}`).toBe('object');
      if (typeof r !== 'object') continue;
      let sum = 0;
      for (let i = 0; i < ref.values.length; i++) sum += Math.abs(r.values[i]! - ref.values[i]!);
      expect(sum / ref.values.length, `${name}: mean absolute HU error`).toBeLessThan(30);
    }
  });
  it('decodes every other file of the transfer-syntax set (colour, palette, YBR, lossy, 2-frame) without error', async () => {
    const names = readdirSync(TS_DIR).filter((n) => /^(TestPattern|US-|CT1_|CT2_|no-pixel-spacing)/.test(n));
    expect(names.length).toBeGreaterThan(8);
    const results = await page.evaluate(async (list) => {
      const h = window.__percuplan!;
      const files = h.localStudies.files();
      const out: Record<string, string> = {};
      for (const name of list) {
        const f = files.find((x) => x.path === name);
        if (!f) {
          out[name] = 'not imported';
          continue;
        }
        try {
          const px = await h.loadPixelValues({ url: f.url });
          out[name] = px.values.length === px.rows * px.columns || px.values.length === px.rows * px.columns * 3 || px.values.length === px.rows * px.columns * 4 ? 'ok' : `size ${px.values.length} for ${px.rows}x${px.columns}`;
        } catch (e) {
          out[name] = `failed: ${String(e)}`;
        }
      }
      return out;
    }, names);
    for (const name of names) expect(results[name], name).toBe('ok');
  });

  it('opens the multi-frame Enhanced CT (fragmented JPEG, no offset table) frame by frame, without decode errors', async () => {
    await page.locator('tr', { hasText: 'Perfusion' }).locator('button', { hasText: 'Open' }).click();
    await page.waitForSelector('[data-testid="load-ready"]', { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(() => /Im \d \/ 2/.test(document.querySelector('[data-testid="slice-stack"]')?.textContent ?? ''));
    await page.waitForTimeout(1000);
    expect(await page.locator('[data-testid="decode-errors"]').count()).toBe(0);
    const box = (await page.locator('[data-testid="viewport-stack"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid="decode-errors"]').count()).toBe(0);
    await snap(page, 'local-enhanced-ct');
    await page.click('[data-testid="nav-studies"]');
    await page.waitForSelector('[data-testid="drop-zone"]');
  });

  it('opens the real J2K series whose UIDs are empty in the dataset, in MPR', async () => {
    const dir = path.join(sharedDicom, 'real/ct-thoracolumbar-j2k');
    await page.setInputFiles('[data-testid="file-input"]', walk(dir));
    await page.waitForFunction(() => /Read 20 of 21 files/.test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''));
    await page.locator('tr', { hasText: 'CT' }).filter({ hasText: '20' }).first().locator('button', { hasText: 'Open' }).click();
    await page.waitForSelector('[data-testid="load-ready"]', { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(() => /Im \d+ \/ 20/.test(document.querySelector('[data-testid="slice-axial"]')?.textContent ?? ''));
    await snap(page, 'local-j2k-empty-uids');
    await page.click('[data-testid="nav-studies"]');
    await page.waitForSelector('[data-testid="drop-zone"]');
  });

  it('opens a zipped series (as exported from a PACS or a CD) like the folder it holds, in MPR', async () => {
    const dir = path.join(sharedDicom, 'real/ct-torso-spine-cort');
    const entries = Object.fromEntries(
      readdirSync(dir)
        .filter((n) => n.endsWith('.dcm'))
        .map((n) => [`export/CT/${n}`, new Uint8Array(readFileSync(path.join(dir, n)))]),
    );
    expect(Object.keys(entries)).toHaveLength(168);
    const zip = zipSync(entries, { level: 1 });
    await page.setInputFiles('[data-testid="file-input"]', { name: 'cort-export.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.waitForFunction(() => /Read 168 of 168 files into 1 study/.test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const row = page.locator('tr', { hasText: 'matRad_default_patient' });
    await row.locator('button', { hasText: 'Open' }).click();
    await page.waitForSelector('[data-testid="load-ready"]', { state: 'attached', timeout: 120_000 });
    await page.waitForFunction(() => /Im \d+ \/ 168/.test(document.querySelector('[data-testid="slice-axial"]')?.textContent ?? ''));
    expect(await page.locator('[data-testid="mpr-off"]').count()).toBe(0);
    await snap(page, 'local-zip-cort-mpr');
    // RescaleSlope 0.0444 (not an integer): HU as the viewer decodes them equal stored × slope + intercept.
    const name = 'ct_slice_84.dcm';
    const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(path.join(dir, name))));
    const slope = Number(ds.string('x00281053'));
    const intercept = Number(ds.string('x00281052'));
    expect(slope).not.toBe(Math.round(slope));
    const el = ds.elements['x7fe00010']!;
    const n = ds.uint16('x00280010')! * ds.uint16('x00280011')!;
    const raw = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + el.dataOffset, n * 2);
    const viewer = await page.evaluate(async (p) => {
      const f = window.__percuplan!.localStudies.files().find((x) => x.path.endsWith(p))!;
      const px = await window.__percuplan!.loadPixelValues({ url: f.url });
      return px.values.filter((_, i) => i % 97 === 0);
    }, name);
    const expected = Array.from({ length: n }, (_, i) => raw.getUint16(i * 2, true) * slope + intercept).filter((_, i) => i % 97 === 0);
    expect(viewer.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(viewer[i]! - expected[i]!));
    expect(worst, 'largest HU difference').toBeLessThan(0.01);
  });

});

if (skip) describe.skip(skip, () => undefined);

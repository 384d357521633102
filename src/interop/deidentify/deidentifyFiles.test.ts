import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dciodvfy, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { sampleDir, sharedDicom, sharedSkipReason } from '../../../tests/support/paths';
import { decodePart10, encodePart10, type NaturalDataset } from '../part10';
import { deidentify, type DeidentifyOptions } from './deidentify';
import { bytesContain } from './plantedFixture';
import { uidMapperFor } from './uidMap';

/*
 * De-identification of real files: a generated sample CT slice (dciodvfy before and after) and
 * other tools' CT, SEG and SR files from ../shared/dicom/interop (identifying values gone,
 * every reference still resolving inside the de-identified set).
 */

const OPTIONS: Omit<DeidentifyOptions, 'fileName'> = {
  uidMap: uidMapperFor('files-test-salt'),
  dateShiftDays: -37,
  pseudonym: { name: 'TEACHING^CASE', id: 'TC-1' },
};

const work = mkdtempSync(path.join(tmpdir(), 'deid-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function deidentifyFile(file: string): { before: NaturalDataset; after: NaturalDataset; bytes: Uint8Array } {
  const name = path.basename(file);
  const read = decodePart10(new Uint8Array(readFileSync(file)), name);
  if (!read.ok) throw new Error(read.error);
  const r = deidentify(read.value.dataset, { ...OPTIONS, fileName: name });
  if (!r.ok) throw new Error(r.error);
  return { before: read.value.dataset, after: r.value.dataset, bytes: encodePart10(r.value.dataset) };
}

const CT_SLICE = path.join(sampleDir, 'case3-spine-ct', 'IM0001.dcm');

describe('dciodvfy on a de-identified sample CT slice', () => {
  it('reports no Error that the original did not have', async (ctx) => {
    const why = validatorSkipReason() ?? (existsSync(CT_SLICE) ? undefined : `skipped: ${CT_SLICE} is absent (npm run samples)`);
    if (why) {
      console.warn(why);
      ctx.skip();
      return;
    }
    const { bytes, after } = deidentifyFile(CT_SLICE);
    const out = path.join(work, 'ct-deid.dcm');
    writeFileSync(out, bytes);
    const before = await dciodvfy(CT_SLICE);
    const now = await dciodvfy(out);
    const known = new Set(before.errors);
    expect(now.errors.filter((e) => !known.has(e)), now.output).toEqual([]);
    expect(after.PatientIdentityRemoved).toBe('YES');
  });

  it('and on other tools\' SEG and SR: no new Error either', async (ctx) => {
    const why = validatorSkipReason() ?? sharedSkipReason('dciodvfy on de-identified SEG and SR');
    if (why) {
      ctx.skip();
      return;
    }
    for (const rel of ['liver-ct3-multi-vendor-seg/seg_dcmqi_liver.dcm', 'highdicom/sr_document.dcm', 'dcmqi-tid1500-headneck/sr.dcm']) {
      const src = path.join(sharedDicom, 'interop', rel);
      const out = path.join(work, rel.replace(/\//g, '_'));
      writeFileSync(out, deidentifyFile(src).bytes);
      const known = new Set((await dciodvfy(src)).errors);
      const now = await dciodvfy(out);
      expect(now.errors.filter((e) => !known.has(e)), `${rel}\n${now.output}`).toEqual([]);
    }
  });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.dcm') ? [p] : [];
  });

/** Every string value of every attribute named `keys` at any depth of `ds`. */
function valuesOf(ds: NaturalDataset, keys: ReadonlySet<string>, out: string[] = []): string[] {
  for (const [k, v] of Object.entries(ds)) {
    const list: unknown[] = Array.isArray(v) ? v : [v];
    for (const x of list) {
      if (typeof x === 'object' && x !== null && !(x instanceof ArrayBuffer) && !ArrayBuffer.isView(x)) {
        const alphabetic = (x as Record<string, unknown>).Alphabetic;
        if (keys.has(k) && typeof alphabetic === 'string') out.push(alphabetic);
        else valuesOf(x as NaturalDataset, keys, out);
      } else if (keys.has(k) && typeof x === 'string') out.push(x);
    }
  }
  return out;
}

const IDENTIFYING = new Set(['PatientName', 'PatientID', 'AccessionNumber', 'InstitutionName', 'ReferringPhysicianName', 'StudyID', 'PatientBirthDate', 'StudyDate', 'StationName', 'DeviceSerialNumber', 'OperatorsName', 'PersonName']);
const REFERENCES = new Set(['ReferencedSOPInstanceUID']);

describe('de-identified files from other tools (../shared/dicom/interop)', () => {
  it('the liver CT and its four SEGs: identifying values gone, every SEG reference resolves to a de-identified CT slice', (ctx) => {
    const skip = sharedSkipReason('the de-identification of other tools’ files');
    if (skip) {
      ctx.skip();
      return;
    }
    const dir = path.join(sharedDicom, 'interop', 'liver-ct3-multi-vendor-seg');
    const results = filesUnder(dir).map(deidentifyFile);
    const ctUids = new Set(results.filter((r) => r.after.Modality === 'CT').map((r) => String(r.after.SOPInstanceUID)));
    expect(ctUids.size).toBe(3);
    const segs = results.filter((r) => r.after.Modality === 'SEG');
    expect(segs.length).toBe(4);
    let sharingFrame = 0;
    for (const seg of segs) {
      const refs = valuesOf(seg.after, REFERENCES);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ctUids.has(ref), ref).toBe(true);
      // Some producers wrote their own frame of reference: equal after exactly when equal before.
      const ct = results.find((r) => r.after.Modality === 'CT')!;
      const sameBefore = seg.before.FrameOfReferenceUID === ct.before.FrameOfReferenceUID;
      expect(seg.after.FrameOfReferenceUID === ct.after.FrameOfReferenceUID).toBe(sameBefore);
      if (sameBefore) sharingFrame++;
    }
    expect(sharingFrame).toBeGreaterThan(0);
    for (const r of results) {
      // A value that is also part of what the profile keeps (Slicer's serial "0.0.1" is in its model name) proves nothing.
      const kept = valuesOf(r.before, new Set(['Manufacturer', 'ManufacturerModelName', 'SoftwareVersions'])).join(' ');
      const planted = valuesOf(r.before, IDENTIFYING).map((v) => v.trim()).filter((v) => v.length >= 4 && !kept.includes(v));
      for (const v of planted) expect(bytesContain(r.bytes, v), `${String(r.before.SOPInstanceUID)}: ${v}`).toBe(false);
      expect(bytesContain(r.bytes, String(r.before.SOPInstanceUID))).toBe(false);
    }
  });

  it('SRs from dcmqi, highdicom and pydicom keep their measurements and lose their names', (ctx) => {
    const skip = sharedSkipReason('the de-identification of other tools’ SRs');
    if (skip) {
      ctx.skip();
      return;
    }
    for (const rel of ['dcmqi-tid1500-headneck/sr.dcm', 'highdicom/sr_document.dcm', 'pydicom-sr/test-SR.dcm']) {
      const r = deidentifyFile(path.join(sharedDicom, 'interop', rel));
      const numbers = (ds: NaturalDataset): string[] => valuesOf(ds, new Set(['NumericValue']));
      expect(numbers(r.after), rel).toEqual(numbers(r.before));
      const names = valuesOf(r.before, IDENTIFYING).map((v) => v.trim()).filter((v) => v.length >= 4);
      for (const v of names) expect(bytesContain(r.bytes, v), `${rel}: ${v}`).toBe(false);
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCtFixture, type CtFixture } from '../../../tests/support/ctFixture';
import { dcentvfy, dciodvfy, dsrdump, pydicom, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { keyImageViewStateSchema, type KeyImage } from '../../records';
import { decodePart10 } from '../part10';
import { exportKeyImages } from './exportKeyImages';
import { KEY_OBJECT_SELECTION_DOCUMENT_STORAGE, SECONDARY_CAPTURE_IMAGE_STORAGE, type KeyImageForExport, type KeyImageObject } from './keyImageExportTypes';

/*
 * A case's key images written as DICOM on a small synthetic CT: one Secondary Capture per key
 * image and one KOS, checked by dciodvfy, dcentvfy, dsrdump and pydicom (decoders other than
 * dcmjs), and for determinism.
 */

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-keyimages-'));
let ct: CtFixture;
const CASE = '11111111-1111-4111-8111-111111111111';

beforeAll(async () => {
  ct = await writeCtFixture(path.join(temp, 'ct'), { columns: 8, rows: 8, slices: 3, pixelSpacing: [1, 1], sliceSpacingMm: 2, order: 'ascending', seed: 'key-images' });
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A 3×2 picture: pixel k of channel c is 10·k + c (so each byte can be checked). */
const rgb = new Uint8Array(Array.from({ length: 18 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3)));

function keyImage(id: string, caption: string, createdAt: string, refs: string[]): KeyImage {
  return {
    id,
    caseId: CASE,
    caption,
    purpose: 'board',
    view: keyImageViewStateSchema.parse({ studyInstanceUid: ct.studyInstanceUID, seriesInstanceUid: ct.seriesInstanceUID, slot: 'axial', mode: 'mpr', window: { width: 400, center: 40 } }),
    references: refs.map((sop) => ({ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: sop })),
    width: 3,
    height: 2,
    createdAt,
    createdBy: 'att',
    pngUrl: `/api/key-images/${id}/png`,
  };
}

const images = (): KeyImageForExport[] => {
  const ctRef = { slices: ct.headers, patientStudy: ct.patientStudy };
  return [
    { keyImage: keyImage('aaaaaaaa-0000-4000-8000-000000000001', 'Lytic lesion, L3 body — axial', '2026-12-01T10:00:00.000Z', [ct.headers[1]!.sopInstanceUID]), png: { width: 3, height: 2, rgb }, ct: ctRef },
    // The second names a slice twice across images and one SOP the series does not hold (left out).
    {
      keyImage: keyImage('aaaaaaaa-0000-4000-8000-000000000002', 'Cryoprobe path', '2026-12-01T10:05:00.000Z', [ct.headers[1]!.sopInstanceUID, ct.headers[2]!.sopInstanceUID, '1.2.3.4.5']),
      png: { width: 3, height: 2, rgb },
      ct: ctRef,
    },
  ];
};

async function written(purpose: 'board' | 'teaching' = 'board', list = images()): Promise<KeyImageObject[]> {
  const out = await exportKeyImages({ caseId: CASE, purpose, images: list, softwareVersion: 'test' });
  if (!out.ok) throw new Error(out.error.join('; '));
  return out.value;
}

describe('exportKeyImages', () => {
  it('writes one SC per key image then one KOS, in the CT study, listing the SCs then each original slice once', async () => {
    const objects = await written();
    expect(objects.map((o) => [o.kind, o.sopClassUID])).toEqual([
      ['sc', SECONDARY_CAPTURE_IMAGE_STORAGE],
      ['sc', SECONDARY_CAPTURE_IMAGE_STORAGE],
      ['ko', KEY_OBJECT_SELECTION_DOCUMENT_STORAGE],
    ]);
    expect(new Set(objects.map((o) => o.studyInstanceUID))).toEqual(new Set([ct.studyInstanceUID]));
    const ko = decodePart10(objects[2]!.bytes, 'ko');
    if (!ko.ok) throw new Error(ko.error);
    const d = ko.value.dataset;
    expect(d.Modality).toBe('KO');
    expect(d.PatientID).toBe(ct.patientStudy.PatientID);
    expect((d.ConceptNameCodeSequence as { CodeValue: string }[])[0]?.CodeValue).toBe('128203');
    const content = d.ContentSequence as { ValueType: string; TextValue?: string; ReferencedSOPSequence?: { ReferencedSOPInstanceUID: string }[] }[];
    expect(content[0]?.TextValue).toBe('1. Lytic lesion, L3 body — axial\r\n2. Cryoprobe path');
    expect(content.slice(1).map((c) => c.ReferencedSOPSequence?.[0]?.ReferencedSOPInstanceUID)).toEqual([
      objects[0]!.sopInstanceUID,
      objects[1]!.sopInstanceUID,
      ct.headers[1]!.sopInstanceUID,
      ct.headers[2]!.sopInstanceUID,
    ]);
    const evidence = (d.CurrentRequestedProcedureEvidenceSequence as { ReferencedSeriesSequence: { SeriesInstanceUID: string; ReferencedSOPSequence: unknown[] }[] }[])[0]!;
    expect(evidence.ReferencedSeriesSequence.map((s) => [s.SeriesInstanceUID, s.ReferencedSOPSequence.length])).toEqual([
      [objects[0]!.seriesInstanceUID, 2],
      [ct.seriesInstanceUID, 2],
    ]);
  });

  it('is deterministic, and a changed caption or the teaching title gives new instances in the same series', async () => {
    const [a, b] = [await written(), await written()];
    expect(a.map((o) => Buffer.from(o.bytes).toString('hex'))).toEqual(b.map((o) => Buffer.from(o.bytes).toString('hex')));
    const changed = images();
    changed[0] = { ...changed[0]!, keyImage: { ...changed[0]!.keyImage, caption: 'Other caption' } };
    const c = await written('board', changed);
    expect(c[0]!.sopInstanceUID).not.toBe(a[0]!.sopInstanceUID);
    expect(c[1]!.sopInstanceUID).toBe(a[1]!.sopInstanceUID);
    expect(c[0]!.seriesInstanceUID).toBe(a[0]!.seriesInstanceUID);
    const teaching = await written('teaching');
    expect(teaching[2]!.sopInstanceUID).not.toBe(a[2]!.sopInstanceUID);
    const ko = decodePart10(teaching[2]!.bytes, 'ko');
    expect(ko.ok && (ko.value.dataset.ConceptNameCodeSequence as { CodeValue: string; CodeMeaning: string }[])[0]).toMatchObject({ CodeValue: '113004', CodeMeaning: 'For Teaching' });
  });

  it('refuses nothing to export and a picture whose bytes do not match its size', async () => {
    expect(await exportKeyImages({ caseId: CASE, purpose: 'board', images: [], softwareVersion: 't' })).toEqual({ ok: false, error: ['no key images to export'] });
    const bad = images().slice(0, 1).map((i) => ({ ...i, png: { width: 4, height: 2, rgb } }));
    const out = await exportKeyImages({ caseId: CASE, purpose: 'board', images: bad, softwareVersion: 't' });
    expect(out.ok ? [] : out.error).toEqual([expect.stringMatching(/18 RGB bytes for 4×2 pixels/)]);
  });

  it.skipIf(!!validatorSkipReason())('passes dciodvfy (no errors), dcentvfy with the CT, dsrdump; pydicom reads the SC pixels back', async () => {
    const objects = await written();
    const files: string[] = [];
    for (const o of objects) {
      const file = path.join(temp, o.fileName);
      await writeFile(file, o.bytes);
      files.push(file);
      const iod = await dciodvfy(file);
      expect(iod.errors, `${o.fileName}\n${iod.output}`).toEqual([]);
      // The one warning allowed: Laterality present and empty on the SC (Type 2C, "unknown": a
      // rendered view has no side of its own; absent, dciodvfy calls it a missing Type 2C error).
      expect(iod.warnings.filter((w) => !/attribute <Laterality>$/.test(w)), iod.output).toEqual([]);
    }
    const ent = await dcentvfy([...ct.files, ...files]);
    // dcentvfy files AccessionNumber under Series for a CT and under Study for the others: the one
    // difference it always reports between a CT and an object of another IOD (as for the plan SR).
    expect(ent.errors.filter((l) => !/Element=<AccessionNumber> IE <Series> versus <Study>/.test(l)), ent.output).toEqual([]);
    const dump = await dsrdump(files[2]!);
    // dsrdump's two warnings here are about itself: its VR checker does not know ISO_IR 192 (the
    // caption has an em dash), and it checks no template constraints (the KOS names TID 2010).
    const known = [/^W: The VR checker does not support this Specific Character Set: ISO_IR 192$/, /^W: Check for template constraints not yet supported$/];
    const complaints = dump.output.split('\n').filter((l) => /^(E|F|W):/.test(l) && !known.some((k) => k.test(l.trim())));
    expect(complaints, dump.output).toEqual([]);
    expect(dump.output).toMatch(/Key Object Selection Document/);
    expect(dump.output).toMatch(/For Tumor Board/);
    expect(dump.output).toMatch(/Key Object Description/);
    expect(dump.output.match(/contains IMAGE:/g)?.length).toBe(4);
    const read = await pydicom(
      // No numpy here: the raw bytes (18 for 3×2 RGB, padded to 18 already even).
      'import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); print(d.PhotometricInterpretation, d.SamplesPerPixel, d.PlanarConfiguration, d.ConversionType, d.BurnedInAnnotation, d.Rows, d.Columns, list(d.PixelData))',
      [files[0]!],
    );
    expect(read.trim()).toBe(`RGB 3 0 WSD NO 2 3 [${[...rgb].join(', ')}]`);
  }, 60_000);
});

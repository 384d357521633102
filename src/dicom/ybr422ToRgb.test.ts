import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDicom, sharedSkipReason } from '../../tests/support/paths';
import { ybr422ToRgb } from './ybr422ToRgb';

const file = path.join(sharedDicom, 'robustness/transfer-syntaxes/US-YBR_FULL_422-EVRLE.dcm');
const skip = sharedSkipReason('the YBR_FULL_422 tests on ../shared/dicom');

describe.skipIf(skip !== undefined)('uncompressed YBR_FULL_422 to RGB', () => {
  // Read in beforeAll, not in the describe body: Vitest runs a skipped describe's body while collecting.
  let out: Uint8Array;
  beforeAll(() => {
    out = ybr422ToRgb(new Uint8Array(readFileSync(file)));
  });

  it('writes an RGB image of the same size that dicom-parser reads', () => {
    const ds = dicomParser.parseDicom(out);
    expect(ds.string('x00280004')).toBe('RGB');
    expect(ds.elements['x7fe00010']!.length).toBe(555 * 800 * 3);
  });

  it('converts the first pixel pair by hand-worked values', () => {
    // First samples in the file (dcmdump): Y1=0, Y2=0, Cb=0x80, Cr=0x80 → grey 0: RGB (0,0,0) twice.
    const ds = dicomParser.parseDicom(out);
    const e = ds.elements['x7fe00010']!;
    expect(Array.from(out.subarray(e.dataOffset, e.dataOffset + 6))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('is a valid object for dcmtk', () => {
    if (!existsSync('/usr/bin/dcmdump')) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'ybr-'));
    writeFileSync(path.join(dir, 'rgb.dcm'), out);
    const dump = execFileSync('/usr/bin/dcmdump', [path.join(dir, 'rgb.dcm')], { encoding: 'utf8' });
    expect(dump).toMatch(/\(0028,0004\) CS \[RGB\]/);
    expect(dump).toMatch(/\(7fe0,0010\) OB .* # 1332000, 1 PixelData/);
  });
});

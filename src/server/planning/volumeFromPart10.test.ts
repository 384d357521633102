import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dicomFilesIn } from '../../../tests/support/orthanc';
import { sharedDicom, sharedSkipReason } from '../../../tests/support/paths';
import { volumeFromPart10, type Part10Bytes } from './volumeFromPart10';

const skip = sharedSkipReason('the Part 10 volume reader test on the real CT');

describe.skipIf(!!skip)('volumeFromPart10 on the real CT (ct-torso-spine-cort)', () => {
  let slices: Part10Bytes[] = [];
  let report: Part10Bytes;
  beforeAll(async () => {
    const files = await dicomFilesIn(path.join(sharedDicom, 'real/ct-torso-spine-cort'));
    slices = await Promise.all(files.map(async (f) => ({ name: path.basename(f), bytes: new Uint8Array(await readFile(f)) })));
    report = { name: 'the SR', bytes: new Uint8Array(await readFile(path.join(sharedDicom, 'interop/pydicom-sr/test-SR.dcm'))) };
  });

  it('reads the slices in any order, leaving out a report when asked, with the HU pydicom gives', () => {
    // Descending by file name, the report in the middle: the reader orders by position itself.
    const read = volumeFromPart10([...slices.slice(0, 80).reverse(), report, ...slices.slice(80).reverse()], { skipNonImages: true });
    if (!read.ok) throw new Error(read.error);
    const v = read.value.volume;
    expect(v.dimensions).toEqual([217, 217, 168]);
    expect(v.spacing[0]).toBe(3);
    expect(v.spacing[2]).toBeCloseTo(2.5, 6); // (117.0 − (−300.5)) / 167
    expect([...v.origin]).toEqual([-325, -354.8, -300.5]);
    expect(read.value.patientPosition).toBe('HFS');
    // Expected by pydicom (Debian's python3-pydicom) on the slices sorted by z: raw × 0.04441064140343 − 1024, rounded.
    // (i 108, j 108, k 60): raw 26519 → 153.73 → 154; (108, 124, 80): raw 46489 → 1040.61 → 1041; (0, 0, 0): raw 0 → −1024.
    const hu = (i: number, j: number, k: number): number => v.scalars[i + 217 * (j + 217 * k)]!;
    expect([hu(108, 108, 60), hu(108, 124, 80), hu(0, 0, 0)]).toEqual([154, 1041, -1024]);
  });

  it('names the instance that is not a CT slice when the caller did not ask to leave such out, and wants two slices', () => {
    const withReport = volumeFromPart10([slices[0]!, report, slices[1]!]);
    expect(withReport.ok).toBe(false);
    if (!withReport.ok) expect(withReport.error).toMatch(/^the SR: /);
    expect(volumeFromPart10([slices[0]!, report], { skipNonImages: true })).toEqual({ ok: false, error: 'a volume needs at least 2 slices, got 1' });
  });
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeriesVolume } from '../server/planning/readSeriesVolume';
import { writeCtFixture, type CtFixture } from '../../tests/support/ctFixture';
import { dcentvfy, dciodvfy, validatorSkipReason } from '../../tests/support/dicomValidate';
import { sharedDicom, sharedSkipReason } from '../../tests/support/paths';
import { readInstanceHeader } from '../dicom/readInstanceHeader';
import { ctGridOf } from './ctGrid';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-ctgrid-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base = { columns: 6, rows: 5, slices: 4, pixelSpacing: [0.8, 0.7] as const, sliceSpacingMm: 2.5, origin: [-10, -20, -100] as const };

describe('ctGridOf', () => {
  for (const order of ['ascending', 'descending'] as const) {
    it(`orders ${order} files by position along row × column, as the server's CT reader does`, async () => {
      const ct = await writeCtFixture(path.join(dir, order), { ...base, order });
      const grid = ctGridOf(ct.headers);
      expect(grid.ok).toBe(true);
      if (!grid.ok) return;
      // Axial: normal (0,0,1); slice k at z = -100 + 2.5 k whatever the file order.
      expect(grid.value.slices.map((h) => h.imagePositionPatient![2])).toEqual([-100, -97.5, -95, -92.5]);
      expect(grid.value.slices[0]!.instanceNumber).toBe(order === 'ascending' ? 1 : 4);
      const g = grid.value.geometry;
      expect(g.dimensions).toEqual([6, 5, 4]);
      // i along the row cosines steps the column spacing (PixelSpacing[1]).
      expect(g.spacing[0]).toBeCloseTo(0.7, 9);
      expect(g.spacing[1]).toBeCloseTo(0.8, 9);
      expect(g.spacing[2]).toBeCloseTo(2.5, 9);
      expect([...g.origin]).toEqual([-10, -20, -100]);
      expect(g.direction.map((d) => [...d])).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
      expect(grid.value.frameOfReferenceUID).toBe(ct.frameOfReferenceUID);
      expect(grid.value.seriesInstanceUID).toBe(ct.seriesInstanceUID);
      expect(grid.value.studyInstanceUID).toBe(ct.studyInstanceUID);

      const server = await readSeriesVolume(ct.files);
      expect(server.ok).toBe(true);
      if (!server.ok) return;
      const s = server.value;
      expect(s.dimensions).toEqual(g.dimensions);
      for (let a = 0; a < 3; a++) {
        expect(s.spacing[a]).toBeCloseTo(g.spacing[a]!, 9);
        expect(s.origin[a]).toBeCloseTo(g.origin[a]!, 9);
        for (let b = 0; b < 3; b++) expect(s.direction[a]![b]).toBeCloseTo(g.direction[a]![b]!, 9);
      }
    });
  }

  it('stacks a sagittal series along row × column, which points to patient right (−x)', async () => {
    // Row (0,1,0) × column (0,0,−1) = (−1,0,0): ascending along the normal is decreasing x.
    const ct = await writeCtFixture(path.join(dir, 'sagittal'), { ...base, order: 'ascending', orientation: [0, 1, 0, 0, 0, -1], origin: [30, -20, 10] });
    const grid = ctGridOf([...ct.headers].reverse());
    expect(grid.ok).toBe(true);
    if (!grid.ok) return;
    expect(grid.value.slices.map((h) => h.imagePositionPatient![0])).toEqual([30, 27.5, 25, 22.5]);
    expect(grid.value.geometry.direction[2].map((v) => v + 0)).toEqual([-1, 0, 0]);
  });

  it('gives the server reader\'s grid on the real CT of ../shared, whose file names are not in position order', async (context) => {
    const skip = sharedSkipReason('ctGridOf on the real CT');
    if (skip) return context.skip(skip);
    const real = path.join(sharedDicom, 'real', 'ct-torso-spine-cort');
    const files = (await readdir(real)).filter((f) => f.endsWith('.dcm')).map((f) => path.join(real, f));
    const grid = ctGridOf(await Promise.all(files.map(async (f) => readInstanceHeader(new Uint8Array(await readFile(f)), true))));
    const server = await readSeriesVolume(files);
    expect(grid.ok && server.ok).toBe(true);
    if (!grid.ok || !server.ok) return;
    // SOURCE.txt: 168 axial slices of 217 × 217, 3 mm pixels, z from −300.5 to 117 (2.5 mm apart).
    expect(grid.value.geometry.dimensions).toEqual([217, 217, 168]);
    expect(grid.value.slices[0]!.imagePositionPatient![2]).toBe(-300.5);
    expect(grid.value.slices[167]!.imagePositionPatient![2]).toBe(117);
    expect(grid.value.geometry.spacing[2]).toBeCloseTo(2.5, 9);
    expect(server.value.dimensions).toEqual(grid.value.geometry.dimensions);
    for (let a = 0; a < 3; a++) {
      expect(server.value.spacing[a]).toBeCloseTo(grid.value.geometry.spacing[a]!, 9);
      expect(server.value.origin[a]).toBeCloseTo(grid.value.geometry.origin[a]!, 9);
    }
  });

  it('names the field and the instance when slices do not form one grid', async () => {
    const ct = await writeCtFixture(path.join(dir, 'bad'), { ...base, order: 'ascending' });
    const [a, b, c, d] = ct.headers;
    const noIpp = ctGridOf([a!, { ...b!, imagePositionPatient: undefined }]);
    expect(noIpp).toEqual({ ok: false, error: expect.stringMatching(/^ImagePositionPatient \(0020,0032\) missing on instance 2 /) });
    const tilted = ctGridOf([a!, { ...b!, imageOrientationPatient: [1, 0, 0, 0, 0.9, 0.43589] }]);
    expect(tilted.ok ? '' : tilted.error).toMatch(/^ImageOrientationPatient \(0020,0037\) of .*differs/);
    const otherFor = ctGridOf([a!, { ...b!, frameOfReferenceUID: '1.2.3' }]);
    expect(otherFor.ok ? '' : otherFor.error).toMatch(/^FrameOfReferenceUID \(0020,0052\) of .* is 1\.2\.3/);
    const duplicate = ctGridOf([a!, b!, { ...c!, imagePositionPatient: b!.imagePositionPatient }]);
    expect(duplicate.ok ? '' : duplicate.error).toMatch(/same slice position/);
    const gap = ctGridOf([a!, b!, d!]);
    expect(gap.ok ? '' : gap.error).toMatch(/Gap of 5 mm/);
    expect(ctGridOf([a!])).toEqual({ ok: false, error: 'a CT grid needs at least 2 slices, got 1' });
  });
});

describe('writeCtFixture', () => {
  let ct: CtFixture;
  it('writes a CT series dciodvfy and dcentvfy accept', async (context) => {
    const skip = validatorSkipReason();
    if (skip) return context.skip(skip);
    ct = await writeCtFixture(path.join(dir, 'valid'), { ...base, columns: 23, rows: 38, order: 'descending', hu: (i, j, k) => i + 100 * j - 1000 * k });
    const report = await dciodvfy(ct.files[0]!);
    expect(report.errors, report.output).toEqual([]);
    const ent = await dcentvfy(ct.files);
    expect(ent.errors, ent.output).toEqual([]);
    expect(ct.patientStudy.PatientID).toBe('FIX-0001');
    expect(ct.patientStudy.StudyInstanceUID).toBe(ct.studyInstanceUID);
  });

  it('puts hu(i, j, k) at grid slice k (lowest along the normal is k = 0) in either order', async () => {
    const ctDesc = await writeCtFixture(path.join(dir, 'hu'), { ...base, order: 'descending', hu: (i, j, k) => i + 10 * j + 100 * k });
    const volume = await readSeriesVolume(ctDesc.files);
    expect(volume.ok).toBe(true);
    if (!volume.ok) return;
    const [nx, ny] = volume.value.dimensions;
    // Voxel (2, 3, 1): 2 + 30 + 100.
    expect(volume.value.scalars[2 + nx * (3 + ny * 1)]).toBe(132);
    // The first file written is the highest slice (k = 3).
    expect(ctDesc.headers[0]!.imagePositionPatient![2]).toBe(-92.5);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf, inspectFiles, listFiles, runInspect, type InspectResult } from './inspect';
import type { FileOutcome } from '../dicom/readDicomBytes';
import { repoRoot, sharedDicom, sharedSkipReason } from '../../tests/support/paths';

const dicomRoot = sharedDicom;
const haveShared = sharedSkipReason('the inspect tests on real files in ../shared/dicom') === undefined;

/** Runs the command the way `npm run inspect` does, in a child process, for its exit code. */
function cli(...args: string[]): { status: number | null; stdout: string } {
  const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
  const r = spawnSync(process.execPath, [tsx, 'src/server/inspectCli.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

function run(...args: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runInspect(args, (l) => lines.push(l));
  return { code, lines };
}

const outcome = (r: InspectResult, file: string): FileOutcome | undefined => r.files.find((f) => f.path.endsWith(file));

// ---- A hand-written Part 10 encoder, just enough for explicit VR little endian slices. ----

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const u16 = (n: number): Uint8Array => new Uint8Array([n & 0xff, n >> 8]);
const u32 = (n: number): Uint8Array => new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]);

function el(group: number, element: number, vr: string, value: string | Uint8Array): Uint8Array {
  const raw = typeof value === 'string' ? ascii(value) : value;
  const v = raw.length % 2 === 0 ? raw : concat(raw, new Uint8Array([vr === 'UI' ? 0 : 0x20]));
  const long = vr === 'OB' || vr === 'OW';
  const length = long ? concat(u16(0), u32(v.length)) : u16(v.length);
  return concat(u16(group), u16(element), ascii(vr), length, v);
}

const CT = '1.2.840.10008.5.1.4.1.1.2';
const sop = (n: number): string => `1.2.3.1.${n}`;

/** The data set of a 2×2 axial CT slice at height z with InstanceNumber n. */
function dataSet(n: number, z: number): Uint8Array {
  return concat(
    el(0x0008, 0x0016, 'UI', CT),
    el(0x0008, 0x0018, 'UI', sop(n)),
    el(0x0008, 0x0060, 'CS', 'CT'),
    el(0x0008, 0x103e, 'LO', 'Bone 2.5'),
    el(0x0020, 0x000d, 'UI', '1.2.3.10'),
    el(0x0020, 0x000e, 'UI', '1.2.3.20'),
    el(0x0020, 0x0011, 'IS', '2'),
    el(0x0020, 0x0013, 'IS', String(n)),
    el(0x0020, 0x0032, 'DS', `-1\\-1\\${z}`),
    el(0x0020, 0x0037, 'DS', '1\\0\\0\\0\\1\\0'),
    el(0x0020, 0x0052, 'UI', '1.2.3.30'),
    el(0x0028, 0x0010, 'US', u16(2)),
    el(0x0028, 0x0011, 'US', u16(2)),
    el(0x0028, 0x0030, 'DS', '0.5\\0.5'),
    el(0x7fe0, 0x0010, 'OW', new Uint8Array(8)),
  );
}

function part10(n: number, z: number): Uint8Array {
  const meta = concat(
    el(0x0002, 0x0001, 'OB', new Uint8Array([0, 1])),
    el(0x0002, 0x0002, 'UI', CT),
    el(0x0002, 0x0003, 'UI', sop(n)),
    el(0x0002, 0x0010, 'UI', '1.2.840.10008.1.2.1'),
  );
  return concat(new Uint8Array(128), ascii('DICM'), el(0x0002, 0x0000, 'UL', u32(meta.length)), meta, dataSet(n, z));
}

describe('inspect on hand-written files', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'percuplan-inspect-'));
    mkdirSync(path.join(dir, 'good'));
    mkdirSync(path.join(dir, 'bad'));
    writeFileSync(path.join(dir, 'good', 's1.dcm'), part10(1, 0));
    writeFileSync(path.join(dir, 'good', 's2.dcm'), part10(2, 2.5));
    // No preamble, no meta header: a bare explicit-VR data set, as old exports write them.
    writeFileSync(path.join(dir, 'good', 's3'), dataSet(3, 5));
    writeFileSync(path.join(dir, 'good', 'README.txt'), 'Series exported for the tumour board.\n');
    writeFileSync(path.join(dir, 'good', '.DS_Store'), new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0, 0, 0x10, 0]));
    const whole = part10(4, 7.5);
    writeFileSync(path.join(dir, 'bad', 'cut.dcm'), whole.subarray(0, whole.length - 4));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every slice, skips the non-DICOM files and reports the series', () => {
    const { code, lines } = run(path.join(dir, 'good'));
    expect(code).toBe(0);
    expect(lines[0]).toBe('5 files: 3 read, 0 failed, 2 skipped (not DICOM or DICOMDIR); 1 study.');
    expect(lines).toContain(`  SKIPPED  ${path.join(dir, 'good', 'README.txt')}: not DICOM: text file`);
    expect(lines).toContain(
      `  SKIPPED  ${path.join(dir, 'good', '.DS_Store')}: not DICOM: no "DICM" marker at byte 128 and no DICOM data set at the start`,
    );
    expect(lines).toContain(
      `  NOTE     ${path.join(dir, 'good', 's3')}: no DICOM preamble or file meta header; read as a bare data set (1.2.840.10008.1.2.1)`,
    );
    expect(lines).toContain('  Series 2 "Bone 2.5" CT: 3 instances');
    expect(lines).toContain('    3 images in the stack, slice spacing 2.5 mm, normal (0, 0, 1)');
    expect(lines).toContain('    MPR: yes');
  });

  it('names a truncated file with the element that runs past its end', () => {
    const r = inspectFiles(listFiles([path.join(dir, 'bad')]).files);
    // 8 bytes of pixel data were written, the last 4 cut off.
    expect(outcome(r, 'cut.dcm')).toMatchObject({
      status: 'failed',
      reason: 'truncated: PixelData (7FE0,0010) needs 8 bytes but only 4 remain in the file',
    });
  });

  it('exits 0 when all is read, 1 when a file failed, 2 on a usage error', () => {
    expect(cli(path.join(dir, 'good')).status).toBe(0);
    expect(cli(dir).status).toBe(1);
    const usage = cli();
    expect(usage.status).toBe(2);
    expect(usage.stdout).toContain('usage: npm run inspect -- <file or folder>...');
    expect(run('--recursive', dir).code).toBe(2);
    expect(run(path.join(dir, 'nowhere')).lines).toEqual([`no such file or folder: ${path.join(dir, 'nowhere')}`]);
  });
});

// Facts below were checked with dcmtk (dcmdump +P …) and xxd, not with this code.
describe.skipIf(!haveShared)('inspect on the real series', () => {
  const cort = path.join(dicomRoot, 'real/ct-torso-spine-cort');
  const j2k = path.join(dicomRoot, 'real/ct-thoracolumbar-j2k');

  it('sorts the 168-slice CORT CT by position although every InstanceNumber is 1', () => {
    const r = inspectFiles(listFiles([cort]).files);
    expect(r.files.filter((f) => f.status === 'read')).toHaveLength(168);
    expect(outcome(r, 'SOURCE.txt')).toMatchObject({ status: 'skipped', reason: 'not DICOM: text file' });
    expect(r.studies).toHaveLength(1);
    const [series] = r.studies[0]?.series ?? [];
    expect(series?.series).toMatchObject({ seriesNumber: 1, modalities: ['CT'], instanceCount: 168, imageCount: 168 });
    const g = series?.geometry;
    expect(g?.reconstructable).toBe(true);
    expect(g?.issues).toEqual([]);
    // z runs from -300.5 (ct_slice_1) to 117 (ct_slice_168) in 167 steps of 2.5 mm.
    expect(g?.sliceSpacingMm).toBe(2.5);
    expect(g?.normal).toEqual([0, 0, 1]);
    expect(g?.sorted.every((h) => h.instanceNumber === 1)).toBe(true);
    const first = outcome(r, '/ct_slice_1.dcm');
    const last = outcome(r, '/ct_slice_168.dcm');
    expect(first?.status === 'read' && first.header.sopInstanceUID).toBe(g?.sorted[0]?.sopInstanceUID);
    expect(last?.status === 'read' && last.header.sopInstanceUID).toBe(g?.sorted[167]?.sopInstanceUID);
    expect(g?.sorted[0]?.imagePositionPatient).toEqual([-325, -354.8, -300.5]);
    expect(g?.sorted[167]?.imagePositionPatient).toEqual([-325, -354.8, 117]);
  });

  it('reads the J2K series whose Study and Series Instance UIDs are empty, under stable stand-ins, and says so', () => {
    const { code, lines } = run(j2k);
    expect(code).toBe(0);
    expect(lines[0]).toBe('21 files: 20 read, 0 failed, 1 skipped (not DICOM or DICOMDIR); 1 study.');
    expect(lines).toContain(
      `  NOTE     ${path.join(j2k, 'CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573')}: ` +
        'StudyInstanceUID empty; a stable stand-in derived from the patient, study and series fields is used',
    );
    // The same files give the same stand-ins on every run, so links to the study survive.
    expect(run(j2k).lines.join('\n')).toBe(lines.join('\n'));
  });
});

describe.skipIf(!haveShared)('inspect on the robustness corpus', () => {
  const root = path.join(dicomRoot, 'robustness');
  let r: InspectResult;
  beforeAll(() => {
    r = inspectFiles(listFiles([root]).files);
  });
  const series = (uid: string) => r.studies.flatMap((s) => s.series).find((s) => s.series.seriesInstanceUID === uid);

  it('names truncated and mis-encoded files with the reason', () => {
    // dcmdump: PixelData (7fe0,0010) larger (8192) than remaining bytes; xxd: its value starts at 1500 of 9630 bytes.
    expect(outcome(r, 'MR_truncated.dcm')).toMatchObject({
      status: 'failed',
      reason: 'truncated: PixelData (7FE0,0010) needs 8192 bytes but only 8130 remain in the file',
    });
    // dcmdump: IsocenterPosition (300a,012c) larger (50) than remaining bytes (29), inside a sequence.
    expect(outcome(r, 'rtplan_truncated.dcm')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^truncated or unreadable: /) });
    // dcmdump: non-standard VR (18\00) for (0008,0008) although the meta header says JPEG Baseline (explicit VR).
    expect(outcome(r, 'SC_rgb_jpeg.dcm')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^mis-encoded: element \(0008,0008\)/) });
    // dcmdump shows no (0002,0010) in the meta header.
    expect(outcome(r, 'meta_missing_tsyntax.dcm')).toMatchObject({ status: 'failed', reason: 'file meta header has no TransferSyntaxUID (0002,0010)' });
    // No Study/Series UID: read under stand-ins, with a note, rather than refused.
    const jls = outcome(r, 'JPEGLSNearLossless_08.dcm');
    expect(jls?.status === 'read' && jls.notes).toContain('StudyInstanceUID empty; a stable stand-in derived from the patient, study and series fields is used');
    expect(exitCodeOf(r)).toBe(1);
  });

  it('skips what is not DICOM, saying what it is', () => {
    expect(outcome(r, 'zipMR.gz')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('gzip-compressed') });
    expect(outcome(r, 'dwv-test_bad.zip')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('ZIP archive') });
    expect(outcome(r, 'wadors/metadata')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('JSON') });
    expect(outcome(r, 'CTImageOddAligned.dat')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('multipart') });
    // One stray byte before an explicit-VR data set: dcmdump cannot read it either.
    expect(outcome(r, 'no_meta.dcm')).toMatchObject({ status: 'skipped' });
    expect(outcome(r, 'dicomdirtests/DICOMDIR')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^DICOMDIR/) });
  });

  it('reads files without preamble, big endian and deflated data sets', () => {
    expect(outcome(r, 'ExplVR_BigEndNoMeta.dcm')).toMatchObject({
      status: 'read',
      header: { sopInstanceUID: '1.2.333.4444.5.6.7.8', modality: 'RTPLAN', transferSyntaxUID: '1.2.840.10008.1.2.2' },
    });
    expect(outcome(r, 'pydicom-test-files/rtstruct.dcm')).toMatchObject({
      status: 'read',
      header: { sopClassUID: '1.2.840.10008.5.1.4.1.1.481.3', sopInstanceUID: '1.2.826.0.1.3680043.8.498.2010020400001' },
    });
    const deflated = outcome(r, 'CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm');
    expect(deflated).toMatchObject({
      status: 'read',
      header: { sopInstanceUID: '1.2.840.113619.2.30.1.1762295590.1623.978668950.109', imagePositionPatient: [-161.399994, -148.800003, 4.7] },
    });
  });

  it('reports the geometry of the small real CT series', () => {
    // CT5N: InstanceNumber 6…10 at z 8.7625 down to -1.2375, 2.5 mm apart.
    const ct5n = series('1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.6');
    expect(ct5n?.geometry.reconstructable).toBe(true);
    expect(ct5n?.geometry.sliceSpacingMm).toBeCloseTo(2.5, 6);
    expect(ct5n?.geometry.sorted.map((h) => h.instanceNumber)).toEqual([10, 9, 8, 7, 6]);
    // CT2: instances 18, 180, 181, 182 at z -99.48, 103.02, 104.27, 105.52: 161 slices missing.
    const ct2 = series('1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2');
    expect(ct2?.geometry.sliceSpacingMm).toBeCloseTo(1.25, 6);
    expect(ct2?.geometry.issues.map((i) => i.kind)).toEqual(['gap']);
    expect(ct2?.geometry.issues[0]).toMatchObject({ missingSlices: 161 });
    expect(ct2?.geometry.reasons[0]).toContain('between instance 18 at -99.48 mm');
    // CT2N: two LOCALIZER images (sagittal and coronal) form a scout series.
    const scouts = series('1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.2');
    expect(scouts?.geometry.sorted.map((h) => h.instanceNumber)).toEqual([1, 2]);
    expect(scouts?.geometry.reasons).toHaveLength(1);
  });

  it('flags the 16 encodings of one CT slice as images at one position', () => {
    const ts = series('1.2.840.113619.2.30.1.1762295590.1623.978668949.890');
    expect(ts?.series.instanceCount).toBe(16);
    expect(ts?.geometry.issues[0]).toMatchObject({ kind: 'duplicate-position', positionMm: 4.7 });
    expect(ts?.geometry.issues[0]?.instances).toHaveLength(16);
  });

  it('reports the Enhanced CT as multi-frame, SR and RT objects as non-image, header-only CTs as empty', () => {
    // CT0012: Enhanced CT Image Storage, NumberOfFrames 2.
    const enhanced = series('1.3.6.1.4.1.5962.1.3.10.3.1166562673.14401');
    expect(enhanced?.geometry.issues.find((i) => i.kind === 'multi-frame')).toMatchObject({ frames: 2 });
    // no-pixel-data.dcm: Basic Text SR.
    const sr = series('1.2.276.0.7230010.3.1.3.1787205428.166.1117461927.22');
    expect(sr?.series.imageCount).toBe(0);
    expect(sr?.geometry.warnings[0]).toContain('(Basic Text SR Storage) listed but not drawn');
    // TINY_ALPHA: 50 CT Image Storage files of one series, none with (7FE0,0010).
    const tiny = series('1.2.826.0.1.3680043.8.498.73052100648462801855733330064330327590');
    expect(tiny?.series.instanceCount).toBe(50);
    expect(tiny?.geometry.issues.find((i) => i.kind === 'no-pixel-data')?.instances).toHaveLength(50);
    expect(outcome(r, 'TINY_ALPHA/PT000000/ST000000/SE000000/IM000000')).toMatchObject({
      status: 'read',
      notes: ['CT Image Storage without pixel data (7FE0,0010): nothing to display'],
    });
  });
});

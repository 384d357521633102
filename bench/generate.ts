import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { attr, element, writePart10, type Dataset } from '../src/dicom/write';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, SAMPLE_UID_ROOT } from '../sample-dicom/dicom/uids';
import { huToStored, RESCALE_INTERCEPT } from '../sample-dicom/dicom/huEncoding';

const run = promisify(execFile);

/** Bumped whenever the phantom or the headers change: the cache key includes it. */
const BENCH_CT_VERSION = 1;
const SIZE = 512;
const PIXEL_MM = 0.78125; // 400 mm field of view
const SLICE_MM = 1.0;

/** One generated series: its files in slice order and its UIDs. */
export interface BenchSeries {
  dir: string;
  files: string[];
  studyInstanceUID: string;
  seriesInstanceUID: string;
  transferSyntax: 'explicit-le' | 'jpeg-ls-lossless';
}

export interface BenchCt {
  slices: number;
  rows: number;
  columns: number;
  raw: BenchSeries;
  jpls: BenchSeries;
}

/** A deterministic normal variate stream (xorshift32 and Box–Muller). */
function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const u = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/**
 * One axial slice of a simple phantom, in HU: air, an elliptic body of soft tissue with two
 * lungs, a vertebral body and spinous process that run the length of the scan, a rib ring,
 * and Gaussian noise. Not anatomical; it only needs realistic values and edges.
 */
function phantomSlice(k: number, slices: number, noise: () => number): Uint16Array {
  const out = new Uint16Array(SIZE * SIZE);
  const z = k / Math.max(1, slices - 1);
  const bodyA = 170 + 15 * Math.sin(z * Math.PI); // mm, half-width
  const bodyB = 120 + 10 * Math.sin(z * Math.PI);
  const lungs = z > 0.2 && z < 0.7;
  for (let j = 0; j < SIZE; j++) {
    const y = (j - SIZE / 2) * PIXEL_MM;
    for (let i = 0; i < SIZE; i++) {
      const x = (i - SIZE / 2) * PIXEL_MM;
      let hu = -1000;
      const body = (x / bodyA) ** 2 + (y / bodyB) ** 2;
      if (body <= 1) {
        hu = body > 0.85 ? -90 : 40; // subcutaneous fat, then soft tissue
        if (lungs && ((((x - 70) / 55) ** 2 + (y / 75) ** 2 <= 1) || (((x + 70) / 55) ** 2 + (y / 75) ** 2 <= 1))) hu = -850;
        const rib = Math.sqrt((x / (bodyA - 18)) ** 2 + (y / (bodyB - 18)) ** 2);
        if (rib > 0.96 && rib < 1.0 && Math.floor(k / 12) % 2 === 0) hu = 700;
        const vx = x, vy = y - 60;
        const vb = (vx / 22) ** 2 + (vy / 18) ** 2;
        if (vb <= 1) hu = vb > 0.75 ? 900 : 250; // cortex, marrow
        if (Math.abs(vx) < 4 && vy > 25 && vy < 55) hu = 650; // spinous process
        hu += 12 * noise();
      } else {
        hu += 4 * noise();
      }
      out[j * SIZE + i] = huToStored(hu);
    }
  }
  return out;
}

/**
 * One axial slice of a thin-slice pelvis phantom, in HU, `k` of `slices` from the iliac crests
 * (k = 0) down to the proximal femora: a wide elliptic body with a fat rim, the iliac wings
 * narrowing to the acetabula, the femoral heads and necks in the lower third, the sacrum and
 * coccyx in the midline behind, a bladder in front, and Gaussian noise. Like
 * {@link phantomSlice} it is not anatomical; it needs realistic values, bone edges and size.
 */
function pelvisSlice(k: number, slices: number, noise: () => number): Uint16Array {
  const out = new Uint16Array(SIZE * SIZE);
  const z = k / Math.max(1, slices - 1);
  const bodyA = 185 - 25 * z; // mm, half-width: widest at the crests
  const bodyB = 125 - 10 * z;
  // Iliac wings: elliptic rings that move in and shrink from the crests to the acetabula (z ≈ 0.6).
  const wing = z < 0.6;
  const wingX = 110 - 35 * (z / 0.6);
  const wingA = 55 - 25 * (z / 0.6);
  const wingB = 18 + 10 * (z / 0.6);
  const femur = z > 0.55;
  const headR = z < 0.75 ? 24 : 14; // femoral head, then neck and shaft
  const femurX = 80 + (z > 0.75 ? 15 * ((z - 0.75) / 0.25) : 0);
  const sacrum = z < 0.7;
  const sacrumA = 45 * (1 - z / 0.8);
  for (let j = 0; j < SIZE; j++) {
    const y = (j - SIZE / 2) * PIXEL_MM;
    for (let i = 0; i < SIZE; i++) {
      const x = (i - SIZE / 2) * PIXEL_MM;
      let hu = -1000;
      const body = (x / bodyA) ** 2 + (y / bodyB) ** 2;
      if (body <= 1) {
        hu = body > 0.8 ? -90 : 35;
        if (((x / 45) ** 2 + ((y + 50) / 35) ** 2) <= 1 && z > 0.3 && z < 0.8) hu = 8; // bladder
        // Bone: an ellipse's outer 30 % (by its squared radius) is cortex, the rest marrow.
        let e = 2;
        if (wing) e = Math.min(((Math.abs(x) - wingX) / wingA) ** 2 + ((y - 35) / wingB) ** 2, e);
        if (femur) e = Math.min(((Math.abs(x) - femurX) / headR) ** 2 + ((y + 5) / headR) ** 2, e);
        if (sacrum && sacrumA > 5) e = Math.min((x / sacrumA) ** 2 + ((y - 75) / 18) ** 2, e);
        if (e <= 1) hu = e > 0.7 ? 950 : 220;
        hu += 12 * noise();
      } else {
        hu += 4 * noise();
      }
      out[j * SIZE + i] = huToStored(hu);
    }
  }
  return out;
}

function uidsOf(slices: number, variant: number): { study: string; series: string; frame: string; instance: (n: number) => string } {
  const base = `${SAMPLE_UID_ROOT}.8.${BENCH_CT_VERSION}.${slices}.${variant}`;
  return { study: `${base}.1`, series: `${base}.2`, frame: `${base}.3`, instance: (n) => `${base}.4.${n}` };
}

/** What a series' slices say of themselves beyond the pixels. */
interface SliceLabels {
  sliceMm: number;
  seriesDescription: string;
  patientName: string;
  studyDescription: string;
}

const labelsOf = (slices: number, variant: number): SliceLabels => ({
  sliceMm: SLICE_MM,
  seriesDescription: variant === 1 ? 'Bench uncompressed' : 'Bench JPEG-LS lossless',
  patientName: `Bench^CT${slices}^${variant === 1 ? 'Raw' : 'JPLS'}`,
  studyDescription: `Benchmark CT ${SIZE}x${SIZE}x${slices}`,
});

function sliceFile(slices: number, variant: number, k: number, pixels: Uint16Array, labels: SliceLabels = labelsOf(slices, variant)): Uint8Array {
  const u = uidsOf(slices, variant);
  const z = -k * labels.sliceMm;
  const origin = -((SIZE - 1) / 2) * PIXEL_MM;
  const dataset: Dataset = [
    attr('SpecificCharacterSet', 'ISO_IR 100'),
    attr('ImageType', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
    attr('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2'),
    attr('SOPInstanceUID', u.instance(k + 1)),
    attr('StudyDate', '20260101'),
    attr('SeriesDate', '20260101'),
    attr('StudyTime', '120000'),
    attr('SeriesTime', '120030'),
    attr('AccessionNumber', `BENCH${variant}`),
    attr('Modality', 'CT'),
    attr('Manufacturer', 'PercuPlan synthetic'),
    attr('ReferringPhysicianName', ''),
    attr('StudyDescription', labels.studyDescription),
    attr('SeriesDescription', labels.seriesDescription),
    attr('PatientName', labels.patientName),
    attr('PatientID', `BENCH-${slices}-${variant}`),
    attr('PatientBirthDate', '19600101'),
    attr('PatientSex', 'O'),
    attr('SliceThickness', labels.sliceMm),
    attr('KVP', 120),
    attr('PatientPosition', 'HFS'),
    attr('StudyInstanceUID', u.study),
    attr('SeriesInstanceUID', u.series),
    attr('StudyID', '1'),
    attr('SeriesNumber', variant),
    attr('AcquisitionNumber', 1),
    attr('InstanceNumber', k + 1),
    attr('ImagePositionPatient', [origin, origin, z]),
    attr('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]),
    attr('FrameOfReferenceUID', u.frame),
    attr('PositionReferenceIndicator', ''),
    attr('SliceLocation', z),
    attr('SamplesPerPixel', 1),
    attr('PhotometricInterpretation', 'MONOCHROME2'),
    attr('Rows', SIZE),
    attr('Columns', SIZE),
    attr('PixelSpacing', [PIXEL_MM, PIXEL_MM]),
    attr('BitsAllocated', 16),
    attr('BitsStored', 16),
    attr('HighBit', 15),
    attr('PixelRepresentation', 0),
    attr('WindowCenter', [40]),
    attr('WindowWidth', [400]),
    attr('RescaleIntercept', RESCALE_INTERCEPT),
    attr('RescaleSlope', 1),
    attr('RescaleType', 'HU'),
    element(0x7fe00010, 'OW', pixels),
  ];
  return writePart10(dataset, { implementationClassUID: IMPLEMENTATION_CLASS_UID, implementationVersionName: IMPLEMENTATION_VERSION_NAME });
}

const names = (slices: number): string[] => Array.from({ length: slices }, (_, k) => `IM${String(k + 1).padStart(4, '0')}.dcm`);

async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  }));
}

/**
 * The benchmark CT of `slices` slices (512×512, 16-bit), generated once into bench/cache/:
 * an uncompressed series and a JPEG-LS lossless series (other UIDs, so a PACS can hold both),
 * made from the same pixels with dcmtk's `dcmcjpls +el`.
 */
export async function ensureBenchCt(cacheRoot: string, slices: number, log: (s: string) => void = console.log): Promise<BenchCt> {
  const dir = path.join(cacheRoot, `ct-${SIZE}x${SIZE}x${slices}-v${BENCH_CT_VERSION}`);
  const done = path.join(dir, 'complete.json');
  const rawDir = path.join(dir, 'raw');
  const jplsDir = path.join(dir, 'jpls');
  const list = names(slices);
  const result = (): BenchCt => ({
    slices,
    rows: SIZE,
    columns: SIZE,
    raw: { dir: rawDir, files: list.map((n) => path.join(rawDir, n)), studyInstanceUID: uidsOf(slices, 1).study, seriesInstanceUID: uidsOf(slices, 1).series, transferSyntax: 'explicit-le' },
    jpls: { dir: jplsDir, files: list.map((n) => path.join(jplsDir, n)), studyInstanceUID: uidsOf(slices, 2).study, seriesInstanceUID: uidsOf(slices, 2).series, transferSyntax: 'jpeg-ls-lossless' },
  });
  if (existsSync(done)) return result();

  const t0 = Date.now();
  log(`generating the benchmark CT ${SIZE}x${SIZE}x${slices} in ${dir} (once) …`);
  rmSync(dir, { recursive: true, force: true });
  const tmpDir = path.join(dir, 'tmp-raw2');
  for (const d of [rawDir, jplsDir, tmpDir]) mkdirSync(d, { recursive: true });
  for (let k = 0; k < slices; k++) {
    const pixels = phantomSlice(k, slices, gaussian(0x9e3779b9 ^ (k * 2654435761)));
    writeFileSync(path.join(rawDir, list[k] as string), sliceFile(slices, 1, k, pixels));
    writeFileSync(path.join(tmpDir, list[k] as string), sliceFile(slices, 2, k, pixels));
  }
  log(`  uncompressed series written in ${((Date.now() - t0) / 1000).toFixed(1)} s; compressing with dcmcjpls +el …`);
  await pool(list, 2, async (n) => {
    const out = path.join(jplsDir, `${n}.part`);
    await run('dcmcjpls', ['+el', path.join(tmpDir, n), out]);
    renameSync(out, path.join(jplsDir, n));
  });
  rmSync(tmpDir, { recursive: true, force: true });
  writeFileSync(done, JSON.stringify({ slices, version: BENCH_CT_VERSION, seconds: (Date.now() - t0) / 1000 }));
  log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result();
}

/** Reads a generated file's transfer syntax (for a sanity check of the cache). */
export function transferSyntaxOf(file: string): string {
  const b = readFileSync(file);
  const i = b.indexOf('1.2.840.10008.1.2', 132, 'latin1');
  return i < 0 ? '' : b.subarray(i, b.indexOf(0, i) > 0 ? Math.min(b.indexOf(0, i), i + 64) : i + 64).toString('latin1').replace(/[\s\0]+$/, '');
}

/** Bumped whenever the pelvis phantom or its headers change: the cache key includes it. */
const LARGE_CT_VERSION = 1;
/** The thin-slice pelvis's spacing and thickness (mm). */
const THIN_SLICE_MM = 0.5;

/**
 * The large benchmark CT of issue 17: a 512×512×`slices` thin-slice (0.5 mm) pelvis, 16-bit
 * uncompressed, generated once into bench/cache/ (git-ignored) and kept. Only the uncompressed
 * series: it is opened from local files, never sent to a PACS.
 */
export async function ensureLargeCt(cacheRoot: string, slices = 1000, log: (s: string) => void = console.log): Promise<BenchSeries & { slices: number; rows: number; columns: number }> {
  const dir = path.join(cacheRoot, `pelvis-${SIZE}x${SIZE}x${slices}-v${LARGE_CT_VERSION}`);
  const done = path.join(dir, 'complete.json');
  const list = names(slices);
  const variant = 3;
  const u = uidsOf(slices, variant);
  const series = { slices, rows: SIZE, columns: SIZE, dir, files: list.map((n) => path.join(dir, n)), studyInstanceUID: u.study, seriesInstanceUID: u.series, transferSyntax: 'explicit-le' as const };
  if (existsSync(done)) return series;
  const t0 = Date.now();
  log(`generating the large benchmark CT (thin-slice pelvis) ${SIZE}x${SIZE}x${slices} in ${dir} (once) …`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const labels: SliceLabels = { sliceMm: THIN_SLICE_MM, seriesDescription: `Bench thin-slice pelvis ${THIN_SLICE_MM} mm`, patientName: `Bench^Pelvis${slices}`, studyDescription: `Benchmark pelvis CT ${SIZE}x${SIZE}x${slices}` };
  for (let k = 0; k < slices; k++) {
    const pixels = pelvisSlice(k, slices, gaussian(0x85ebca6b ^ (k * 2654435761)));
    writeFileSync(path.join(dir, list[k] as string), sliceFile(slices, variant, k, pixels, labels));
    // A yield now and then, so a long generation does not starve the event loop entirely.
    if (k % 100 === 99) await new Promise((r) => setImmediate(r));
  }
  writeFileSync(done, JSON.stringify({ slices, version: LARGE_CT_VERSION, seconds: (Date.now() - t0) / 1000 }));
  log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return series;
}

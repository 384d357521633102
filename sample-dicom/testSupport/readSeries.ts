import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';

/** The header fields the sample-study tests check, read with dicom-parser. */
export interface ImageHeader {
  file: string;
  transferSyntaxUID: string | undefined;
  sopClassUID: string | undefined;
  sopInstanceUID: string | undefined;
  studyInstanceUID: string | undefined;
  seriesInstanceUID: string | undefined;
  frameOfReferenceUID: string | undefined;
  modality: string | undefined;
  patientName: string | undefined;
  patientID: string | undefined;
  patientSex: string | undefined;
  patientAge: string | undefined;
  patientBirthDate: string | undefined;
  studyDate: string | undefined;
  studyDescription: string | undefined;
  seriesDescription: string | undefined;
  bodyPartExamined: string | undefined;
  patientPosition: string | undefined;
  imageType: string | undefined;
  instanceNumber: number;
  position: [number, number, number];
  orientation: number[];
  pixelSpacing: [number, number];
  sliceThickness: number | undefined;
  sliceLocation: number | undefined;
  rows: number;
  columns: number;
  bitsAllocated: number | undefined;
  pixelRepresentation: number;
  rescaleIntercept: number;
  rescaleSlope: number;
  rescaleType: string | undefined;
  paddingValue: number | undefined;
  manufacturer: string | undefined;
}

/** A series read back from disk, sorted by InstanceNumber, with its HU volume. */
export interface Series {
  headers: ImageHeader[];
  columns: number;
  rows: number;
  slices: number;
  /** HU, index (k * rows + j) * columns + i; k follows InstanceNumber. */
  hu: Int16Array;
  /** Stored (raw) pixel values, same indexing. */
  stored: Uint16Array;
}

const nums = (ds: DataSet, tag: string): number[] => (ds.string(tag) ?? '').split('\\').filter((s) => s !== '').map(Number);

function header(file: string, ds: DataSet): ImageHeader {
  const pos = nums(ds, 'x00200032');
  const ps = nums(ds, 'x00280030');
  return {
    file,
    transferSyntaxUID: ds.string('x00020010'),
    sopClassUID: ds.string('x00080016'),
    sopInstanceUID: ds.string('x00080018'),
    studyInstanceUID: ds.string('x0020000d'),
    seriesInstanceUID: ds.string('x0020000e'),
    frameOfReferenceUID: ds.string('x00200052'),
    modality: ds.string('x00080060'),
    patientName: ds.string('x00100010'),
    patientID: ds.string('x00100020'),
    patientSex: ds.string('x00100040'),
    patientAge: ds.string('x00101010'),
    patientBirthDate: ds.string('x00100030'),
    studyDate: ds.string('x00080020'),
    studyDescription: ds.string('x00081030'),
    seriesDescription: ds.string('x0008103e'),
    bodyPartExamined: ds.string('x00180015'),
    patientPosition: ds.string('x00185100'),
    imageType: ds.string('x00080008'),
    instanceNumber: ds.intString('x00200013') ?? NaN,
    position: [pos[0] ?? NaN, pos[1] ?? NaN, pos[2] ?? NaN],
    orientation: nums(ds, 'x00200037'),
    pixelSpacing: [ps[0] ?? NaN, ps[1] ?? NaN],
    sliceThickness: ds.floatString('x00180050'),
    sliceLocation: ds.floatString('x00201041'),
    rows: ds.uint16('x00280010') ?? 0,
    columns: ds.uint16('x00280011') ?? 0,
    bitsAllocated: ds.uint16('x00280100'),
    pixelRepresentation: ds.uint16('x00280103') ?? 0,
    rescaleIntercept: ds.floatString('x00281052') ?? 0,
    rescaleSlope: ds.floatString('x00281053') ?? 1,
    rescaleType: ds.string('x00281054'),
    paddingValue: ds.elements.x00280120 ? ds.uint16('x00280120') : undefined,
    manufacturer: ds.string('x00080070'),
  };
}

/** The IM*.dcm files of a study folder. */
export const imageFiles = (dir: string): string[] => readdirSync(dir).filter((f) => /^IM\d{4}\.dcm$/.test(f)).sort().map((f) => path.join(dir, f));

/** Reads every image of a folder with dicom-parser and assembles the HU volume. */
export function readSeries(dir: string): Series {
  const parsed = imageFiles(dir).map((file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const ds = dicomParser.parseDicom(bytes);
    return { h: header(file, ds), ds, bytes };
  });
  parsed.sort((a, b) => a.h.instanceNumber - b.h.instanceNumber);
  const first = parsed[0]!.h;
  const plane = first.rows * first.columns;
  const hu = new Int16Array(plane * parsed.length);
  const stored = new Uint16Array(plane * parsed.length);
  parsed.forEach(({ h, ds, bytes }, k) => {
    const el = ds.elements.x7fe00010!;
    const dv = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, el.length);
    for (let p = 0; p < plane; p++) {
      const raw = h.pixelRepresentation === 1 ? dv.getInt16(p * 2, true) : dv.getUint16(p * 2, true);
      stored[k * plane + p] = raw & 0xffff;
      hu[k * plane + p] = Math.round(raw * h.rescaleSlope + h.rescaleIntercept);
    }
  });
  return { headers: parsed.map((p) => p.h), columns: first.columns, rows: first.rows, slices: parsed.length, hu, stored };
}

/** Nearest voxel [i, j, k] of an LPS point, from the series' own IPP and spacing (axial, unrotated). */
export function voxelOf(s: Series, p: readonly number[]): [number, number, number] {
  const h0 = s.headers[0]!;
  const dz = s.headers[1]!.position[2] - h0.position[2];
  return [
    Math.round((p[0]! - h0.position[0]) / h0.pixelSpacing[1]),
    Math.round((p[1]! - h0.position[1]) / h0.pixelSpacing[0]),
    Math.round((p[2]! - h0.position[2]) / dz),
  ];
}

export const huAt = (s: Series, i: number, j: number, k: number): number => s.hu[(k * s.rows + j) * s.columns + i]!;

/** HU values of the (2r+1)^2 x (2rz+1) block around voxel (i, j, k). */
export function block(s: Series, [i, j, k]: readonly number[], r = 1, rz = 1): number[] {
  const out: number[] = [];
  for (let dk = -rz; dk <= rz; dk++) for (let dj = -r; dj <= r; dj++) for (let di = -r; di <= r; di++) out.push(huAt(s, i! + di, j! + dj, k! + dk));
  return out;
}

export const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
export const std = (v: readonly number[]): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};

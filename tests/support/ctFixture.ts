import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InstanceHeader } from '../../src/dicom/instanceHeader';
import { readInstanceHeader } from '../../src/dicom/readInstanceHeader';
import { attr, element, writePart10, type Dataset } from '../../src/dicom/write';
import { ctGridOf, type CtGrid } from '../../src/interop/ctGrid';
import { decodePart10, IMPLEMENTATION_CLASS_UID, type NaturalDataset } from '../../src/interop/part10';
import { uidFromSeed } from '../../src/interop/planUids';
import { patientStudyOf } from '../../src/server/interop/patientStudy';
import { cross, normalize, type Vec3 } from '../../src/shared/vec3';

/** CT Image Storage. */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** Options of {@link writeCtFixture}. */
export interface CtFixtureOptions {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  /** DICOM order: [row spacing (between rows, along the column cosines), column spacing] in mm. */
  readonly pixelSpacing: readonly [number, number];
  readonly sliceSpacingMm: number;
  /**
   * Order of the files and of InstanceNumber relative to position along row × column:
   * 'ascending' writes the lowest position first, 'descending' the highest first.
   */
  readonly order: 'ascending' | 'descending';
  /** ImagePositionPatient of the slice lowest along the normal (default [-50, -60, -100]). */
  readonly origin?: Vec3;
  /** ImageOrientationPatient, 6 cosines (default axial [1,0,0, 0,1,0]). */
  readonly orientation?: readonly [number, number, number, number, number, number];
  /**
   * HU of voxel (i column, j row, k grid slice: 0 is the slice lowest along the normal,
   * whatever `order` is). Default: 40 HU soft tissue in an ellipse filling the plane, −1000 outside.
   */
  readonly hu?: (i: number, j: number, k: number) => number;
  /** Seed of the UIDs and patient identity, so two fixtures in one test differ (default 'ct-fixture'). */
  readonly seed?: string;
}

/** A written CT series. */
export interface CtFixture {
  readonly dir: string;
  /** The files in write order. */
  readonly files: readonly string[];
  /** Each file's header, same order as `files`. */
  readonly headers: readonly InstanceHeader[];
  /** The Patient / General Study / Patient Study attributes of the first file, as the server's export takes them (patientStudyOf). */
  readonly patientStudy: NaturalDataset;
  readonly grid: CtGrid;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
}


const defaultHu =
  (columns: number, rows: number) =>
  (i: number, j: number): number => {
    const x = (i - (columns - 1) / 2) / (columns / 2);
    const y = (j - (rows - 1) / 2) / (rows / 2);
    return x * x + y * y <= 0.9 ? 40 : -1000;
  };

/**
 * Writes a small synthetic single-frame CT series (CT Image Storage, Explicit VR Little
 * Endian, signed 16-bit HU with slope 1 and intercept 0) as Part 10 files `CT_001.dcm`… into
 * `dir`, with the Patient, General Study, Patient Study, General Series, Frame of Reference,
 * General Equipment, General Image, Image Plane, Image Pixel, CT Image and SOP Common modules
 * dciodvfy asks for. UIDs derive from `seed` and the options, so a fixture is the same bytes on
 * every run.
 */
export async function writeCtFixture(dir: string, opts: CtFixtureOptions): Promise<CtFixture> {
  const { columns, rows, slices } = opts;
  const seed = `${opts.seed ?? 'ct-fixture'}:${columns}x${rows}x${slices}:${opts.order}`;
  const [studyInstanceUID, seriesInstanceUID, frameOfReferenceUID] = await Promise.all([
    uidFromSeed(`${seed}:study`),
    uidFromSeed(`${seed}:series`),
    uidFromSeed(`${seed}:for`),
  ]);
  const orientation = opts.orientation ?? [1, 0, 0, 0, 1, 0];
  const normal = normalize(cross([orientation[0], orientation[1], orientation[2]], [orientation[3], orientation[4], orientation[5]]));
  const origin = opts.origin ?? [-50, -60, -100];
  const hu = opts.hu ?? defaultHu(columns, rows);
  await mkdir(dir, { recursive: true });

  const files: string[] = [];
  for (let n = 0; n < slices; n++) {
    // n: write order; k: the slice's place along the normal.
    const k = opts.order === 'ascending' ? n : slices - 1 - n;
    const step = k * opts.sliceSpacingMm;
    const ipp: Vec3 = [origin[0] + step * normal[0], origin[1] + step * normal[1], origin[2] + step * normal[2]];
    const pixels = new Int16Array(columns * rows);
    for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) pixels[j * columns + i] = Math.round(hu(i, j, k));
    const sopInstanceUID = await uidFromSeed(`${seed}:instance:${n}`);
    const dataset: Dataset = [
      attr('SpecificCharacterSet', 'ISO_IR 100'),
      attr('ImageType', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
      attr('SOPClassUID', CT_IMAGE_STORAGE),
      attr('SOPInstanceUID', sopInstanceUID),
      attr('StudyDate', '20260314'),
      attr('SeriesDate', '20260314'),
      attr('ContentDate', '20260314'),
      attr('StudyTime', '101500'),
      attr('SeriesTime', '101600'),
      attr('ContentTime', '101630'),
      attr('AccessionNumber', 'ACC-FIX-1'),
      attr('Modality', 'CT'),
      attr('Manufacturer', 'PercuPlan test fixture'),
      attr('ReferringPhysicianName', 'Referrer^Rita'),
      attr('StudyDescription', 'CT fixture study'),
      attr('SeriesDescription', 'CT fixture series'),
      attr('PatientName', 'Fixture^Patient'),
      attr('PatientID', 'FIX-0001'),
      attr('PatientBirthDate', '19600101'),
      attr('PatientSex', 'F'),
      attr('PatientAge', '066Y'),
      attr('BodyPartExamined', 'SPINE'),
      attr('SliceThickness', opts.sliceSpacingMm),
      attr('KVP', 120),
      attr('PatientPosition', 'HFS'),
      attr('StudyInstanceUID', studyInstanceUID),
      attr('SeriesInstanceUID', seriesInstanceUID),
      attr('StudyID', 'FIX1'),
      attr('SeriesNumber', 2),
      attr('AcquisitionNumber', 1),
      attr('InstanceNumber', n + 1),
      attr('ImagePositionPatient', [...ipp]),
      attr('ImageOrientationPatient', [...orientation]),
      attr('FrameOfReferenceUID', frameOfReferenceUID),
      attr('PositionReferenceIndicator', ''),
      attr('SamplesPerPixel', 1),
      attr('PhotometricInterpretation', 'MONOCHROME2'),
      attr('Rows', rows),
      attr('Columns', columns),
      attr('PixelSpacing', [opts.pixelSpacing[0], opts.pixelSpacing[1]]),
      attr('BitsAllocated', 16),
      attr('BitsStored', 16),
      attr('HighBit', 15),
      attr('PixelRepresentation', 1),
      attr('WindowCenter', 40),
      attr('WindowWidth', 400),
      attr('RescaleIntercept', 0),
      attr('RescaleSlope', 1),
      attr('RescaleType', 'HU'),
      attr('LossyImageCompression', '00'),
      element(0x7fe00010, 'OW', pixels),
    ];
    const bytes = writePart10(dataset, { implementationClassUID: IMPLEMENTATION_CLASS_UID, implementationVersionName: 'PERCUPLAN_TEST' });
    const file = path.join(dir, `CT_${String(n + 1).padStart(3, '0')}.dcm`);
    await writeFile(file, bytes);
    files.push(file);
  }
  const ct = await readCtSeries(dir, files);
  if (ct.studyInstanceUID !== studyInstanceUID || ct.seriesInstanceUID !== seriesInstanceUID || ct.frameOfReferenceUID !== frameOfReferenceUID) {
    throw new Error('writeCtFixture: the UIDs written do not read back');
  }
  return ct;
}

/**
 * An existing single-frame CT series (any file order) in the shape of a {@link CtFixture}: each
 * file's header, the grid ({@link ctGridOf}), and the patient and study attributes of the
 * first file as the server's export takes them. Throws when the files are not one grid.
 */
export async function readCtSeries(dir: string, files: readonly string[]): Promise<CtFixture> {
  const headers: InstanceHeader[] = [];
  for (const file of files) headers.push(readInstanceHeader(new Uint8Array(await readFile(file)), true));
  const grid = ctGridOf(headers);
  if (!grid.ok) throw new Error(`readCtSeries: ${dir} is not one grid: ${grid.error}`);
  const first = decodePart10(new Uint8Array(await readFile(files[0]!)), files[0]!);
  if (!first.ok) throw new Error(`readCtSeries: ${first.error}`);
  const patientStudy = patientStudyOf(first.value.dataset);
  const { studyInstanceUID, seriesInstanceUID, frameOfReferenceUID } = grid.value;
  return { dir, files, headers, patientStudy, grid: grid.value, studyInstanceUID, seriesInstanceUID, frameOfReferenceUID };
}

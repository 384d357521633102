import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedDicom, sharedSkipReason } from '../../../tests/support/paths';
import { readInstanceHeader } from '../../dicom/readInstanceHeader';
import { countMask, maskValue, type VoxelMask } from '../../planning/mask/voxelMask';
import { ctGridOf, type CtGrid } from '../ctGrid';
import type { ImportedObject, ImportedReport, ImportedSegmentation } from '../importTypes';
import { segmentMaskOnGrid } from './placeSegment';
import { readDicomObject } from './readDicomObject';

/*
 * Every SEG and SR in ../shared/dicom/interop (other tools' files, see SOURCE.txt there). The
 * expected numbers were taken by hand from DCMTK dcmdump / dsrdump 3.6.7 and Debian's
 * pydicom 2.3.1 (/usr/bin/python3), unpacking SEG bits least significant first with a script
 * independent of this code, on 2026-12-06; each assertion names where its number came from.
 */

const skip = sharedSkipReason('the other tools’ SEG and SR files');
const interop = path.join(sharedDicom, 'interop');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.dcm') ? [p] : [];
  });

function read(rel: string): ImportedObject {
  const r = readDicomObject(new Uint8Array(readFileSync(path.join(interop, rel))), rel);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
function seg(rel: string): ImportedSegmentation {
  const o = read(rel);
  if (o.kind !== 'seg') throw new Error(`${rel} read as ${o.kind}`);
  return o;
}
function sr(rel: string): ImportedReport {
  const o = read(rel);
  if (o.kind !== 'sr') throw new Error(`${rel} read as ${o.kind}`);
  return o;
}
function gridOf(dir: string): CtGrid {
  const headers = filesUnder(path.join(interop, dir)).map((f) => readInstanceHeader(new Uint8Array(readFileSync(f))));
  const g = ctGridOf(headers);
  if (!g.ok) throw new Error(g.error);
  return g.value;
}
function placeSegment(s: ImportedSegmentation, n: number, grid: CtGrid): VoxelMask {
  const r = segmentMaskOnGrid(s, n, grid);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const setBits = (s: ImportedSegmentation, n: number): number =>
  s.frames.filter((f) => f.segmentNumber === n).reduce((a, f) => a + f.pixels.reduce((x, y) => x + y, 0), 0);

describe.skipIf(!hasShared)(`other tools' SEG and SR files${skip ? ` (${skip})` : ''}`, () => {
  it('every file reads, or gives an error naming the file and a reason', () => {
    const files = filesUnder(interop);
    expect(files.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const f of files) {
      const rel = path.relative(interop, f);
      const r = readDicomObject(new Uint8Array(readFileSync(f)), rel);
      if (r.ok) continue;
      expect(r.error.startsWith(`${rel}: `)).toBe(true);
      expect(r.error.length).toBeGreaterThan(rel.length + 10);
      failures.push(rel);
    }
    // Only the CT images (liver ct/, the small images and multiframe, highdicom's ct_image) and the
    // Real World Value Mapping object are not SEG or SR (SOP classes per the MANIFEST in SOURCE.txt).
    expect(failures.filter((f) => !/(\/ct\/|\/image\/|multiframe|ct_image\.dcm|rwvm\.dcm)/.test(f))).toEqual([]);
    // 3 liver CT slices + 2 × 3 small images + 2 multiframe CTs + ct_image + rwvm.
    expect(failures).toHaveLength(13);
  });

  it('names what a non-SEG/SR object is', () => {
    const r = readDicomObject(new Uint8Array(readFileSync(path.join(interop, 'dcmqi-tid1500-headneck/rwvm.dcm'))), 'rwvm.dcm');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^rwvm\.dcm: Real World Value Mapping Storage .*neither a segmentation nor a structured report/);
  });

  it('dcmqi partial_overlaps: 5 overlapping segments with their labels, 7 frames, bits per segment as pydicom counts them', () => {
    const s = seg('liver-ct3-multi-vendor-seg/seg_dcmqi_partial_overlaps_5segments.dcm');
    // dcmdump: SegmentLabel of SegmentNumber 1..5; NumberOfFrames 7.
    expect(s.segments.map((x) => [x.number, x.label])).toEqual([[1, 'GREEN'], [2, 'ORANGE'], [3, 'PURPLE'], [4, 'LIGHT_BLUE'], [5, 'DARK_BLUE']]);
    expect(s.frames).toHaveLength(7);
    expect(s.segmentationType).toBe('BINARY');
    expect(s.producer).toBe('QIICR https://github.com/QIICR/dcmqi.git 7ae0873');
    // pydicom, bits set per segment over its frames.
    expect([1, 2, 3, 4, 5].map((n) => setBits(s, n))).toEqual([9602, 11888, 10743, 6693, 4713]);
    // Placed on the 3-slice CT: segment 3 spans all three slices (117 + 117 + 10509).
    const grid = gridOf('liver-ct3-multi-vendor-seg/ct');
    for (const [n, count] of [[1, 9602], [2, 11888], [3, 10743], [4, 6693], [5, 4713]] as const) {
      expect(countMask(placeSegment(s, n, grid))).toBe(count);
    }
  });

  it('dcmqi liver: the segment colour from RecommendedDisplayCIELabValue is Slicer’s liver colour', () => {
    const s = seg('liver-ct3-multi-vendor-seg/seg_dcmqi_liver.dcm');
    // dcmdump: RecommendedDisplayCIELabValue 41661\41167\40792, written by Slicer from its liver colour
    // (221, 130, 101) in GenericAnatomyColors: an independent check of the Lab → sRGB conversion.
    expect(s.segments[0]!.colour).toBe('#dd8265');
    expect(countMask(placeSegment(s, 1, gridOf('liver-ct3-multi-vendor-seg/ct')))).toBe(107098);
  });

  it('syngo.via SEG (source images in the shared group, per-frame plane groups) placed on the liver CT', () => {
    const s = seg('liver-ct3-multi-vendor-seg/seg_siemens_syngovia_VA11A.dcm');
    expect(s.producer).toBe('Siemens Healthcare syngo.via.VA11A');
    // Orientation and spacing come from the per-frame groups (dcmdump), there being none shared.
    expect(s.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(s.pixelSpacing).toEqual([0.810547, 0.810547]);
    // The shared derivation names three images: no frame can claim one.
    expect(s.frames.every((f) => f.referencedSopInstanceUID === null)).toBe(true);
    const grid = gridOf('liver-ct3-multi-vendor-seg/ct');
    const mask = placeSegment(s, 1, grid);
    // pydicom: 28 bits at z −128.69 (grid slice 0, the lowest), 18 at −127.69, 0 at −126.69.
    expect(countMask(mask)).toBe(46);
    expect(mask.box.offset[2]).toBe(0);
    expect(mask.box.size[2]).toBe(2);
    // pydicom: frame 1's first set pixel is row 409, column 138; frame 2's is row 409, column 139.
    expect(maskValue(mask, 138, 409, 0)).toBe(1);
    expect(maskValue(mask, 139, 409, 1)).toBe(1);
    expect(maskValue(mask, 138, 409, 1)).toBe(0);
  });

  it('2012 Slicer SEG (its own frame of reference, but naming the CT images) placed on the liver CT', () => {
    const s = seg('liver-ct3-multi-vendor-seg/seg_3dslicer_reporting_2012.dcm');
    const grid = gridOf('liver-ct3-multi-vendor-seg/ct');
    // dcmdump: FrameOfReferenceUID 1.2.276.0.7230010.3.1.3.0.9625.1345852568.149994, not the CT's.
    expect(s.frameOfReferenceUID).not.toBe(grid.frameOfReferenceUID);
    const mask = placeSegment(s, 1, grid);
    // pydicom: 37666 + 31484 + 35350 bits on frames at z −128.69, −127.69, −126.69.
    expect(countMask(mask)).toBe(104500);
    // pydicom: first set pixels (row, column) (147, 212), (169, 205), (150, 208) on frames 1..3.
    expect([maskValue(mask, 212, 147, 0), maskValue(mask, 205, 169, 1), maskValue(mask, 208, 150, 2)]).toEqual([1, 1, 1]);
  });

  it('23×38×3 SEG (874-bit frames straddling bytes) placed on its image/ files', () => {
    const s = seg('dcmqi-small-seg/23x38x3/seg.dcm');
    // dcmdump: Rows 38, Columns 23, 3 frames, 328 bytes of pixel data (ceil(2622 / 8)).
    expect([s.rows, s.columns, s.frames.length]).toEqual([38, 23, 3]);
    expect(s.frames.map((f) => f.pixels.reduce((a, b) => a + b, 0))).toEqual([4, 314, 4]);
    const grid = gridOf('dcmqi-small-seg/23x38x3/image');
    expect(grid.geometry.dimensions).toEqual([23, 38, 3]);
    const mask = placeSegment(s, 1, grid);
    expect(countMask(mask)).toBe(322);
    // pydicom: frames 1 and 3 have their set bits at the first and last pixel of rows 0 and 37 …
    expect(maskValue(mask, 0, 0, 0)).toBe(1);
    expect(maskValue(mask, 22, 37, 2)).toBe(1);
    // … so the k of each frame follows ImagePositionPatient z −177.75, −175.25, −172.75.
    expect(mask.box.size).toEqual([23, 38, 3]);
  });

  it('fractional SEG thresholded at half of MaximumFractionalValue, with a note', () => {
    const s = seg('highdicom/seg_image_ct_true_fractional.dcm');
    expect(s.segmentationType).toBe('FRACTIONAL');
    // pydicom: values ≥ 128 of 255 per frame: 127, 256, 255 (non-zero values: 149, 256, 256).
    expect(s.frames.map((f) => f.pixels.reduce((a, b) => a + b, 0))).toEqual([127, 256, 255]);
    expect(s.notes.join(' ')).toMatch(/thresholded at 50 % of 255/);
  });

  it('highdicom overlapping BINARY segments keep their own frames', () => {
    const s = seg('highdicom/seg_image_ct_binary_overlap.dcm');
    // pydicom: 4 frames of 16 bits for segment 1, 4 frames of 4 bits for segment 2.
    expect([setBits(s, 1), setBits(s, 2)]).toEqual([64, 16]);
  });

  it('dcmqi label map (66.7): one frame per present segment, background left out', () => {
    const s = seg('dcmqi-small-seg/sparse-labelmap-ppv5.dcm');
    expect(s.segmentationType).toBe('LABELMAP');
    // dcmdump: segment 0 "Background" (DCM 125040) and 1 "Liver"; pydicom: 315 pixels of value 1 in each of 2 frames.
    expect(s.segments.map((x) => x.label)).toEqual(['Liver']);
    expect(s.segments[0]!.trackingId).toBe('Liver');
    expect(s.frames.map((f) => [f.segmentNumber, f.pixels.reduce((a, b) => a + b, 0)])).toEqual([[1, 315], [1, 315]]);
    expect(s.notes.join(' ')).toMatch(/background/);
  });

  it('highdicom label map of 20 segments: pixels split per label', () => {
    const s = seg('highdicom/seg_image_sm_control_labelmap.dcm');
    expect(s.segments).toHaveLength(20);
    // pydicom: label 19 fills 22 pixels in frame 11 and 22 in frame 18; label 1 fills 14 in frame 20.
    expect(setBits(s, 19)).toBe(44);
    expect(setBits(s, 1)).toBe(14);
    expect(setBits(s, 2)).toBe(0);
  });

  it('highdicom sr_document: one group, its tracking id, finding, site and circle on the CT image', () => {
    const r = sr('highdicom/sr_document.dcm');
    // dsrdump / pydicom content tree (the observer name is a TEXT item here, not a PNAME).
    expect(r.title?.value).toBe('126000');
    expect(r.observer).toBe('Foo');
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0]!;
    expect(g.trackingId).toBe('Planar ROI Measurements');
    expect(g.trackingUid).toBe('1.2.826.0.1.3680043.8.498.95005499519195632686309166061552196996');
    expect(g.finding).toEqual({ value: 'T-A7010', scheme: 'SRT', meaning: 'Spinal cord' });
    expect(g.findingSite?.meaning).toBe('Cervico-thoracic spine');
    expect(g.graphics).toEqual([
      { dims: 2, graphicType: 'CIRCLE', points: [[58, 52], [58, 41]], referencedSopInstanceUID: '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322', concept: { value: '111030', scheme: 'DCM', meaning: 'Image Region' } },
    ]);
    expect(g.numbers.map((n) => [n.concept.meaning, n.value, n.unit?.value])).toEqual([['Area of defined region', 1.7, 'cm2']]);
  });

  it('highdicom sr_document_with_multiple_groups: 4 groups, the SCOORD3D point with its frame of reference', () => {
    const r = sr('highdicom/sr_document_with_multiple_groups.dcm');
    expect(r.groups.map((g) => g.trackingId)).toEqual(['Image0001', 'LungNodule0001', 'Aorta0001', 'Vertebra0001']);
    const aorta = r.groups[2]!.graphics[0]!;
    expect(aorta.dims === 2 && aorta.points).toEqual([[25, 45], [45, 45], [45, 65], [25, 65]]);
    const v = r.groups[3]!.graphics[0]!;
    expect(v.dims).toBe(3);
    if (v.dims !== 3) return;
    expect(v.graphicType).toBe('POINT');
    expect(v.frameOfReferenceUID).toBe('1.3.6.1.4.1.5962.1.4.1.1.20040119072730.12322');
    // pydicom: GraphicData (FL) 123.5, 234.10000610351562, -23.700000762939453.
    expect(v.points[0]![0]).toBe(123.5);
    expect(v.points[0]![1]).toBeCloseTo(234.1, 4);
    expect(v.points[0]![2]).toBeCloseTo(-23.7, 4);
    expect(r.groups[3]!.numbers[0]).toMatchObject({ value: 200, unit: { value: 'mm3' } });
  });

  it('dcmqi TID 1500 head-and-neck SR: one group, 22 NUMs with units, its referenced segment', () => {
    const r = sr('dcmqi-tid1500-headneck/sr.dcm');
    expect(r.templateId).toBe('1500');
    expect(r.observer).toBe('User2');
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0]!;
    expect(g.trackingId).toBe('primary tumor');
    // pydicom: 24 NUM items in the tree, 2 of them (Pixel Data Rows/Columns) in the image library.
    expect(g.numbers).toHaveLength(22);
    expect(g.finding?.meaning).toBe('Neoplasm, Primary');
    expect(g.findingSite?.meaning).toBe('pharyngeal tonsil (adenoid)');
    const volume = g.numbers.find((n) => n.concept.meaning === 'Volume')!;
    expect(volume.value).toBeCloseTo(33.5824, 6);
    expect(volume.unit).toEqual({ value: 'ml', scheme: 'UCUM', meaning: 'Milliliter' });
    const mean = g.numbers[0]!;
    expect([mean.value, mean.unit?.value, mean.modifiers[0]?.meaning]).toEqual([6.01529, '{SUVbw}g/ml', 'Mean']);
    expect(g.referencedSegment).toEqual({ sopInstanceUID: '1.2.276.0.7230010.3.1.4.8323329.18591.1440001312.777033', segmentNumber: 1 });
  });

  it('dcmjs Enhanced SRs: Cornerstone measurements with their image points; the empty "Center" NUM skipped with a note', () => {
    const a = sr('dcmjs/structured_report.dcm');
    expect(a.sopClassUID).toBe('1.2.840.10008.5.1.4.1.1.88.22');
    expect(a.groups).toHaveLength(6);
    expect(a.groups.map((g) => g.trackingId?.split(':')[1])).toEqual(['ArrowAnnotate', 'EllipticalRoi', 'Bidirectional', 'Length', 'Length', 'EllipticalRoi']);
    const length = a.groups[3]!;
    expect(length.numbers[0]!.value).toBeCloseTo(39.366492911614, 9);
    expect(length.graphics[0]).toMatchObject({ dims: 2, graphicType: 'POLYLINE', points: [[237.5, 392], [272.5, 372]], referencedSopInstanceUID: '1.3.6.1.4.1.25403.52237031786.3872.20100510032220.11' });
    expect(a.notes).toContain('1 NUM item(s) without a measured value skipped');
    expect(a.groups[0]!.graphics[0]).toMatchObject({ graphicType: 'POINT', points: [[169.5, 360]] });
    const b = sr('dcmjs/sample-sr.dcm');
    expect(b.observer).toBe('unknown^unknown');
    expect(b.groups).toHaveLength(1);
    expect(b.groups[0]!.numbers.map((n) => n.concept.meaning)).toEqual(['Long Axis', 'Short Axis']);
    expect(b.groups[0]!.graphics).toHaveLength(2);
  });

  it('pydicom Basic Text SR: reads with no groups and a note saying why', () => {
    for (const f of ['pydicom-sr/reportsi.dcm', 'pydicom-sr/reportsi_with_empty_number_tags.dcm']) {
      const r = sr(f);
      expect(r.sopClassUID).toBe('1.2.840.10008.5.1.4.1.1.88.11');
      expect(r.groups).toEqual([]);
      expect(r.notes[0]).toMatch(/not a TID 1500 Imaging Measurement Report .*nothing in it can be measured or drawn/);
    }
  });

  it('OFFIS test SR: a Comprehensive SR that is not TID 1500, with its predecessor and flags', () => {
    const r = sr('pydicom-sr/test-SR.dcm');
    expect(r.groups).toEqual([]);
    // dsrdump: Completion COMPLETE, Verification VERIFIED, Predecessor Docs 1.
    expect([r.completion, r.verification, r.predecessorSopInstanceUIDs.length]).toEqual(['COMPLETE', 'VERIFIED', 1]);
  });
});

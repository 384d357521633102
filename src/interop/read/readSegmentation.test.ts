import { describe, expect, it } from 'vitest';
import { encodePart10, type NaturalDataset } from '../part10';
import { readDicomObject } from './readDicomObject';
import { readSegmentation } from './readSegmentation';

const EXPLICIT = '1.2.840.10008.1.2.1';
const code = (value: string, scheme: string, meaning: string) => [{ CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: meaning }];

/** A minimal SEG dataset: 2 rows × 3 columns, `frames` frames, the given pixel bytes. */
function segDataset(over: NaturalDataset, pixels: number[]): NaturalDataset {
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4', SOPInstanceUID: '2.25.1', StudyInstanceUID: '2.25.2', SeriesInstanceUID: '2.25.3',
    FrameOfReferenceUID: '2.25.4', Modality: 'SEG', Manufacturer: 'Acme', ManufacturerModelName: 'Seg', SoftwareVersions: '1.0',
    Rows: 2, Columns: 3, NumberOfFrames: 1, BitsAllocated: 1, SegmentationType: 'BINARY',
    SegmentSequence: [{ SegmentNumber: 1, SegmentLabel: 'Tumour', SegmentAlgorithmType: 'MANUAL', SegmentedPropertyCategoryCodeSequence: code('49755003', 'SCT', 'Morphologically abnormal structure'), SegmentedPropertyTypeCodeSequence: code('14799000', 'SCT', 'Neoplasm, metastatic'), TrackingID: 'T1', TrackingUID: '2.25.9' }],
    _vrMap: { PixelData: 'OB' },
    PixelData: [new Uint8Array(pixels).buffer],
    ...over,
  };
}
const decoded = (dataset: NaturalDataset, syntax = EXPLICIT) => ({ meta: { TransferSyntaxUID: syntax }, dataset });

describe('readSegmentation', () => {
  it('reads plane position, orientation, spacing and segment from the shared groups when there are no per-frame ones (via Part 10)', () => {
    const ds = segDataset(
      {
        SharedFunctionalGroupsSequence: [{
          PlanePositionSequence: [{ ImagePositionPatient: [1, 2, 0] }],
          PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }],
          PixelMeasuresSequence: [{ PixelSpacing: [0.5, 0.25], SliceThickness: 1 }],
          SegmentIdentificationSequence: [{ ReferencedSegmentNumber: 1 }],
          DerivationImageSequence: [{ SourceImageSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ReferencedSOPInstanceUID: '2.25.77' }] }],
        }],
      },
      [0b100001],
    );
    const r = readDicomObject(encodePart10(ds), 'shared.dcm');
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'seg') return;
    const s = r.value;
    expect(s.producer).toBe('Acme Seg 1.0');
    expect(s.pixelSpacing).toEqual([0.5, 0.25]);
    expect(s.segments[0]).toMatchObject({ label: 'Tumour', trackingId: 'T1', trackingUid: '2.25.9', type: { value: '14799000' }, algorithmType: 'MANUAL' });
    expect(s.frames).toHaveLength(1);
    // Bits 0 and 5 of 0b100001: the first and the last of the 6 pixels.
    expect(s.frames[0]).toMatchObject({ segmentNumber: 1, referencedSopInstanceUID: '2.25.77', imagePositionPatient: [1, 2, 0] });
    expect([...s.frames[0]!.pixels]).toEqual([1, 0, 0, 0, 0, 1]);
    expect(s.referencedInstanceUIDs).toEqual(['2.25.77']);
  });

  it('a Label Map Segmentation with 16-bit labels: one frame per present segment, undescribed labels noted', () => {
    const ds = segDataset(
      {
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.7', SegmentationType: 'LABELMAP', BitsAllocated: 16,
        SegmentSequence: [{ SegmentNumber: 1, SegmentLabel: 'A' }, { SegmentNumber: 300, SegmentLabel: 'B' }],
      },
      // Labels 0, 1, 300, 300, 5, 0 as little-endian 16-bit (300 = 0x012C).
      [0, 0, 1, 0, 0x2c, 1, 0x2c, 1, 5, 0, 0, 0],
    );
    const r = readSegmentation(decoded(ds), 'lm.dcm');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.segmentationType).toBe('LABELMAP');
    expect(r.value.frames.map((f) => [f.segmentNumber, [...f.pixels]])).toEqual([
      [1, [0, 1, 0, 0, 0, 0]],
      [300, [0, 0, 1, 1, 0, 0]],
    ]);
    expect(r.value.notes.join(' ')).toMatch(/undescribed segment number\(s\) 5/);
  });

  it('names the file and the reason for what it cannot read', () => {
    const base = segDataset({}, [0]);
    const why = (ds: NaturalDataset, syntax?: string): string => {
      const r = readSegmentation(decoded(ds, syntax), 'seg_x.dcm');
      return r.ok ? 'read' : r.error;
    };
    expect(why(base, '1.2.840.10008.1.2.5')).toMatch(/^seg_x\.dcm: SegmentationType BINARY with compressed pixel data \(transfer syntax 1\.2\.840\.10008\.1\.2\.5\) not read/);
    expect(why({ ...base, SegmentationType: 'FRACTIONAL', BitsAllocated: 1 })).toMatch(/^seg_x\.dcm: SegmentationType FRACTIONAL with BitsAllocated 1 not read/);
    expect(why({ ...base, SegmentationType: 'SURFACE' })).toMatch(/^seg_x\.dcm: SegmentationType SURFACE not read/);
    expect(why({ ...base, NumberOfFrames: 3 })).toMatch(/pixel data holds 1 bytes, 3 frames of 2×3 need 3/);
    expect(why({ ...base, SegmentSequence: [] })).toMatch(/describes no segment/);
    expect(why({ ...base, PixelData: undefined })).toMatch(/without pixel data/);
  });

  it('a file that is not DICOM is named, never thrown', () => {
    const r = readDicomObject(new Uint8Array([1, 2, 3]), 'junk.bin');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^junk\.bin: /);
  });
});

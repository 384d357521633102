import { formatDecimalString } from '../../dicom/write/decimalString';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { err, ok, type Result } from '../../shared/result';
import { ctGridOf, type CtGrid } from '../ctGrid';
import { SEGMENTATION_STORAGE, type ExportedSeg, type PlanExportInput, type SegmentRef } from '../exportTypes';
import { encodePart10, type NaturalDataset } from '../part10';
import { percuplanSchemeIdentification } from '../percuplanCodes';
import { hexToDicomLab } from './cieLab';
import { framedValue, longText, personName, shortValue } from './dicomText';
import { LETHAL_ZONE_ITEM_ID, planSegments, type PlanSegment } from './planSegments';
import { packFrames, type PackedFrames } from './segFrames';
import { dicomUtc, type DicomUtc } from '../dicomDateTime';

/** SeriesNumber of the plan SEG series (high, out of the scanner's way). */
export const SEG_SERIES_NUMBER = 9001;

/** Type 2 attributes of the Patient and General Study modules (PS3.3 C.7.1.1, C.7.2.1): written empty when the CT lacks them. */
const PATIENT_STUDY_TYPE2 = ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber'] as const;

const ds = (n: number): string => formatDecimalString(n);
const dsList = (v: readonly number[]): string[] => v.map(ds);

const code = (c: { CodeValue: string; CodingSchemeDesignator: string; CodeMeaning: string }): NaturalDataset => ({
  CodeValue: c.CodeValue,
  CodingSchemeDesignator: c.CodingSchemeDesignator,
  CodeMeaning: c.CodeMeaning,
});
const DERIVATION_SEGMENTATION = { CodeValue: '113076', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Segmentation' };
const PURPOSE_SOURCE_IMAGE = { CodeValue: '121322', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Source image for image processing operation' };

/**
 * The CT's Patient, General Study and Patient Study attributes, copied verbatim (the caller
 * hands over exactly those, see ReferencedCt), so that dcentvfy finds one patient and one study
 * in CT and SEG. dcmjs's own bookkeeping keys (`_vrMap`, `_meta`) are not attributes: left out.
 */
function patientStudyOf(source: NaturalDataset, grid: CtGrid): NaturalDataset {
  const out: NaturalDataset = {};
  for (const k of PATIENT_STUDY_TYPE2) out[k] = '';
  for (const [k, v] of Object.entries(source)) if (!k.startsWith('_') && v !== undefined) out[k] = v;
  if (typeof out.StudyInstanceUID !== 'string' || out.StudyInstanceUID === '') out.StudyInstanceUID = grid.studyInstanceUID;
  return out;
}

/** One Segment Sequence item (PS3.3 C.8.20.2 Segment Description Macro). */
function segmentItem(s: PlanSegment, number: number, trackingUid: string): NaturalDataset {
  const lab = hexToDicomLab(s.colour);
  return {
    SegmentNumber: number,
    SegmentLabel: shortValue(s.label) || `Segment ${number}`,
    SegmentDescription: longText(s.description),
    SegmentAlgorithmType: s.algorithmType,
    ...(s.algorithmName ? { SegmentAlgorithmName: shortValue(s.algorithmName) } : {}),
    SegmentedPropertyCategoryCodeSequence: [code(s.category)],
    SegmentedPropertyTypeCodeSequence: [code(s.type)],
    ...(lab ? { RecommendedDisplayCIELabValue: lab } : {}),
    TrackingID: shortValue(s.label) || `Segment ${number}`,
    TrackingUID: trackingUid,
  };
}

/** One Per-Frame Functional Groups Sequence item: which segment, which CT slice, derived from it. */
function frameItem(segmentNumber: number, k: number, slice: InstanceHeader): NaturalDataset {
  return {
    FrameContentSequence: [{ DimensionIndexValues: [segmentNumber, k + 1] }],
    PlanePositionSequence: [{ ImagePositionPatient: dsList(slice.imagePositionPatient!) }],
    DerivationImageSequence: [
      {
        SourceImageSequence: [
          { ReferencedSOPClassUID: slice.sopClassUID, ReferencedSOPInstanceUID: slice.sopInstanceUID, PurposeOfReferenceCodeSequence: [code(PURPOSE_SOURCE_IMAGE)] },
        ],
        DerivationCodeSequence: [code(DERIVATION_SEGMENTATION)],
      },
    ],
    SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segmentNumber }],
  };
}

/** The tracking UIDs of the segments; the zone's derives from the plan's SEG series UID. */
function trackingUids(segments: readonly PlanSegment[], input: PlanExportInput, errors: string[]): string[] {
  return segments.map((s) => {
    // The zone is no plan item: one more arc under the plan's own (2.25, UUID-derived) SEG
    // series UID names it, the same in every version as the series is.
    if (s.itemId === LETHAL_ZONE_ITEM_ID && s.kind === 'ablation-zone') return `${input.uids.segSeries}.1`;
    try {
      return input.uids.trackingUid(s.itemId);
    } catch {
      errors.push(`${s.kind} ${s.itemId}: no tracking UID was prepared for it`);
      return '';
    }
  });
}

function segDataset(input: PlanExportInput, grid: CtGrid, segments: readonly PlanSegment[], packed: PackedFrames, tracking: readonly string[], when: DicomUtc): NaturalDataset {
  const { plan, uids } = input;
  const first = grid.slices[0]!;
  const [rowSpacing, colSpacing] = first.pixelSpacing!;
  const columns = grid.geometry.dimensions[0], rows = grid.geometry.dimensions[1];
  const dimensionOrganizationUID = `${uids.segInstance}.1`;
  // Odd byte counts are padded to even length by the writer (PS3.5 7.1.1); readers use ceil(bits / 8).
  const pixels = packed.pixelData.slice().buffer;
  return {
    _vrMap: { PixelData: 'OB' },
    // SOP Common
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: uids.segInstance,
    // The private scheme of the zone segment's type code (SOP Common, type 3).
    CodingSchemeIdentificationSequence: [percuplanSchemeIdentification()],
    // Patient, General Study, Patient Study: the CT's
    ...patientStudyOf(input.ct.patientStudy, grid),
    // General Series, Segmentation Series
    Modality: 'SEG',
    SeriesInstanceUID: uids.segSeries,
    SeriesNumber: SEG_SERIES_NUMBER,
    SeriesDescription: framedValue('PercuPlan plan: ', plan.title || plan.id, ' (SEG)'),
    SeriesDate: when.date,
    SeriesTime: when.time,
    // Frame of Reference: the CT's
    FrameOfReferenceUID: grid.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    // General Equipment, Enhanced General Equipment
    Manufacturer: 'PercuPlan',
    ManufacturerModelName: 'PercuPlan',
    DeviceSerialNumber: '1',
    SoftwareVersions: shortValue(input.softwareVersion) || 'unknown',
    // General Image, Segmentation Image (Content Identification)
    InstanceNumber: plan.version,
    ContentDate: when.date,
    ContentTime: when.time,
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentLabel: `PLAN_V${plan.version}`,
    ContentDescription: framedValue('', plan.title || plan.id, ` v${plan.version}`),
    ContentCreatorName: personName(plan.updatedBy),
    SegmentationType: 'BINARY',
    SegmentSequence: segments.map((s, i) => segmentItem(s, i + 1, tracking[i]!)),
    // Image Pixel
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    // Multi-frame Functional Groups, Multi-frame Dimension
    NumberOfFrames: packed.frames.length,
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: dsList(first.imageOrientationPatient!) }],
        PixelMeasuresSequence: [
          {
            PixelSpacing: [ds(rowSpacing), ds(colSpacing)],
            SliceThickness: ds(first.sliceThickness ?? grid.geometry.spacing[2]),
            SpacingBetweenSlices: ds(grid.geometry.spacing[2]),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: packed.frames.map((f) => frameItem(f.segmentNumber, f.slice, grid.slices[f.slice]!)),
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUID }],
    DimensionOrganizationType: '3D',
    DimensionIndexSequence: [
      { DimensionOrganizationUID: dimensionOrganizationUID, DimensionIndexPointer: 0x0062000b, FunctionalGroupPointer: 0x0062000a, DimensionDescriptionLabel: 'Segment Number' },
      { DimensionOrganizationUID: dimensionOrganizationUID, DimensionIndexPointer: 0x00200032, FunctionalGroupPointer: 0x00209113, DimensionDescriptionLabel: 'Image Position Patient' },
    ],
    // Common Instance Reference: every CT slice (OHIF shows no SEG without it)
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: grid.seriesInstanceUID,
        ReferencedInstanceSequence: grid.slices.map((s) => ({ ReferencedSOPClassUID: s.sopClassUID, ReferencedSOPInstanceUID: s.sopInstanceUID })),
      },
    ],
    PixelData: [pixels],
  };
}

/**
 * The DICOM SEG of a plan version (Segmentation Storage, BINARY, native 1-bit pixels packed
 * least significant bit first across frame boundaries), on the planning CT's grid and
 * referencing its instances. Segments, numbered from 1: each lesion with a mask, each
 * structure at risk, then the composite lethal ablation zone when the plan has ablation
 * devices (see {@link planSegments}). One frame per segment and CT slice where the segment has
 * a voxel; frame k is matched to the CT slice by position along the slice normal
 * ({@link ctGridOf}: the grid the masks are stored on), never by the order the CT came in, and
 * carries that slice's ImagePositionPatient and a reference to it.
 *
 * Everything written derives from the plan version and the CT (UIDs from `input.uids`, dates
 * from `plan.updatedAt` in UTC), so the same version gives the same bytes. Null when there is
 * nothing to segment: no segment, or only empty ones (a SEG needs at least one frame).
 * Errors name the plan field or the CT instance at fault.
 */
export function writePlanSeg(input: PlanExportInput): Result<ExportedSeg | null, string[]> {
  const grid = ctGridOf(input.ct.slices);
  if (!grid.ok) return err([`the CT: ${grid.error}`]);
  const segments = planSegments(input.plan, grid.value, input.catalogue);
  if (!segments.ok) return segments;
  if (segments.value.length === 0) return ok(null);
  const when = dicomUtc(input.plan.updatedAt);
  if (!when.ok) return err([`updatedAt: ${when.error}`]);
  const errors: string[] = [];
  const tracking = trackingUids(segments.value, input, errors);
  if (errors.length > 0) return err(errors);

  const [columns, rows] = grid.value.geometry.dimensions;
  const packed = packFrames(segments.value.map((s) => s.mask), columns, rows);
  if (packed.frames.length === 0) return ok(null);
  const dataset = segDataset(input, grid.value, segments.value, packed, tracking, when.value);
  const bytes = encodePart10(dataset);
  const refs: SegmentRef[] = segments.value.map((s, i) => ({
    itemId: s.itemId,
    kind: s.kind,
    segmentNumber: i + 1,
    label: shortValue(s.label) || `Segment ${i + 1}`,
    voxelCount: packed.voxelCounts[i]!,
  }));
  return ok({
    object: {
      kind: 'seg',
      fileName: `SEG_${input.uids.segInstance}.dcm`,
      sopClassUID: SEGMENTATION_STORAGE,
      sopInstanceUID: input.uids.segInstance,
      seriesInstanceUID: input.uids.segSeries,
      bytes,
    },
    segments: refs,
  });
}

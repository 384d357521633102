import type { DataElement, ValueOf } from './dataset';
import type { Vr } from './vr';

/**
 * The small dictionary of attributes PercuPlan writes: keyword -> tag and VR (PS3.6).
 * Extend it when a new object (SR, SEG) needs more; elements can also be built with an
 * explicit tag and VR through `element()`.
 */
export const DICTIONARY = {
  FileMetaInformationGroupLength: { tag: 0x00020000, vr: 'UL' },
  FileMetaInformationVersion: { tag: 0x00020001, vr: 'OB' },
  MediaStorageSOPClassUID: { tag: 0x00020002, vr: 'UI' },
  MediaStorageSOPInstanceUID: { tag: 0x00020003, vr: 'UI' },
  TransferSyntaxUID: { tag: 0x00020010, vr: 'UI' },
  ImplementationClassUID: { tag: 0x00020012, vr: 'UI' },
  ImplementationVersionName: { tag: 0x00020013, vr: 'SH' },
  SourceApplicationEntityTitle: { tag: 0x00020016, vr: 'AE' },

  SpecificCharacterSet: { tag: 0x00080005, vr: 'CS' },
  ImageType: { tag: 0x00080008, vr: 'CS' },
  InstanceCreationDate: { tag: 0x00080012, vr: 'DA' },
  InstanceCreationTime: { tag: 0x00080013, vr: 'TM' },
  SOPClassUID: { tag: 0x00080016, vr: 'UI' },
  SOPInstanceUID: { tag: 0x00080018, vr: 'UI' },
  StudyDate: { tag: 0x00080020, vr: 'DA' },
  SeriesDate: { tag: 0x00080021, vr: 'DA' },
  AcquisitionDate: { tag: 0x00080022, vr: 'DA' },
  ContentDate: { tag: 0x00080023, vr: 'DA' },
  AcquisitionDateTime: { tag: 0x0008002a, vr: 'DT' },
  StudyTime: { tag: 0x00080030, vr: 'TM' },
  SeriesTime: { tag: 0x00080031, vr: 'TM' },
  AcquisitionTime: { tag: 0x00080032, vr: 'TM' },
  ContentTime: { tag: 0x00080033, vr: 'TM' },
  AccessionNumber: { tag: 0x00080050, vr: 'SH' },
  Modality: { tag: 0x00080060, vr: 'CS' },
  Manufacturer: { tag: 0x00080070, vr: 'LO' },
  InstitutionName: { tag: 0x00080080, vr: 'LO' },
  ReferringPhysicianName: { tag: 0x00080090, vr: 'PN' },
  CodeValue: { tag: 0x00080100, vr: 'SH' },
  CodingSchemeDesignator: { tag: 0x00080102, vr: 'SH' },
  CodeMeaning: { tag: 0x00080104, vr: 'LO' },
  StationName: { tag: 0x00081010, vr: 'SH' },
  StudyDescription: { tag: 0x00081030, vr: 'LO' },
  SeriesDescription: { tag: 0x0008103e, vr: 'LO' },
  ManufacturerModelName: { tag: 0x00081090, vr: 'LO' },
  ReferencedImageSequence: { tag: 0x00081140, vr: 'SQ' },
  ReferencedSOPClassUID: { tag: 0x00081150, vr: 'UI' },
  ReferencedSOPInstanceUID: { tag: 0x00081155, vr: 'UI' },
  AnatomicRegionSequence: { tag: 0x00082218, vr: 'SQ' },

  PatientName: { tag: 0x00100010, vr: 'PN' },
  PatientID: { tag: 0x00100020, vr: 'LO' },
  PatientBirthDate: { tag: 0x00100030, vr: 'DA' },
  PatientSex: { tag: 0x00100040, vr: 'CS' },
  PatientAge: { tag: 0x00101010, vr: 'AS' },
  PatientSize: { tag: 0x00101020, vr: 'DS' },
  PatientWeight: { tag: 0x00101030, vr: 'DS' },
  PatientIdentityRemoved: { tag: 0x00120062, vr: 'CS' },

  BodyPartExamined: { tag: 0x00180015, vr: 'CS' },
  ScanOptions: { tag: 0x00180022, vr: 'CS' },
  SliceThickness: { tag: 0x00180050, vr: 'DS' },
  KVP: { tag: 0x00180060, vr: 'DS' },
  SpacingBetweenSlices: { tag: 0x00180088, vr: 'DS' },
  DataCollectionDiameter: { tag: 0x00180090, vr: 'DS' },
  DeviceSerialNumber: { tag: 0x00181000, vr: 'LO' },
  SoftwareVersions: { tag: 0x00181020, vr: 'LO' },
  ProtocolName: { tag: 0x00181030, vr: 'LO' },
  ReconstructionDiameter: { tag: 0x00181100, vr: 'DS' },
  DistanceSourceToDetector: { tag: 0x00181110, vr: 'DS' },
  DistanceSourceToPatient: { tag: 0x00181111, vr: 'DS' },
  GantryDetectorTilt: { tag: 0x00181120, vr: 'DS' },
  TableHeight: { tag: 0x00181130, vr: 'DS' },
  RotationDirection: { tag: 0x00181140, vr: 'CS' },
  ExposureTime: { tag: 0x00181150, vr: 'IS' },
  XRayTubeCurrent: { tag: 0x00181151, vr: 'IS' },
  Exposure: { tag: 0x00181152, vr: 'IS' },
  FilterType: { tag: 0x00181160, vr: 'SH' },
  GeneratorPower: { tag: 0x00181170, vr: 'IS' },
  FocalSpots: { tag: 0x00181190, vr: 'DS' },
  ConvolutionKernel: { tag: 0x00181210, vr: 'SH' },
  PatientPosition: { tag: 0x00185100, vr: 'CS' },

  StudyInstanceUID: { tag: 0x0020000d, vr: 'UI' },
  SeriesInstanceUID: { tag: 0x0020000e, vr: 'UI' },
  StudyID: { tag: 0x00200010, vr: 'SH' },
  SeriesNumber: { tag: 0x00200011, vr: 'IS' },
  AcquisitionNumber: { tag: 0x00200012, vr: 'IS' },
  InstanceNumber: { tag: 0x00200013, vr: 'IS' },
  ImagePositionPatient: { tag: 0x00200032, vr: 'DS' },
  ImageOrientationPatient: { tag: 0x00200037, vr: 'DS' },
  FrameOfReferenceUID: { tag: 0x00200052, vr: 'UI' },
  PositionReferenceIndicator: { tag: 0x00201040, vr: 'LO' },
  SliceLocation: { tag: 0x00201041, vr: 'DS' },
  ImageComments: { tag: 0x00204000, vr: 'LT' },

  SamplesPerPixel: { tag: 0x00280002, vr: 'US' },
  PhotometricInterpretation: { tag: 0x00280004, vr: 'CS' },
  NumberOfFrames: { tag: 0x00280008, vr: 'IS' },
  Rows: { tag: 0x00280010, vr: 'US' },
  Columns: { tag: 0x00280011, vr: 'US' },
  PixelSpacing: { tag: 0x00280030, vr: 'DS' },
  BitsAllocated: { tag: 0x00280100, vr: 'US' },
  BitsStored: { tag: 0x00280101, vr: 'US' },
  HighBit: { tag: 0x00280102, vr: 'US' },
  PixelRepresentation: { tag: 0x00280103, vr: 'US' },
  /** US as written here; SS when Pixel Representation is 1 (build it with `element()`). */
  PixelPaddingValue: { tag: 0x00280120, vr: 'US' },
  BurnedInAnnotation: { tag: 0x00280301, vr: 'CS' },
  WindowCenter: { tag: 0x00281050, vr: 'DS' },
  WindowWidth: { tag: 0x00281051, vr: 'DS' },
  RescaleIntercept: { tag: 0x00281052, vr: 'DS' },
  RescaleSlope: { tag: 0x00281053, vr: 'DS' },
  RescaleType: { tag: 0x00281054, vr: 'LO' },
  WindowCenterWidthExplanation: { tag: 0x00281055, vr: 'LO' },
  LossyImageCompression: { tag: 0x00282110, vr: 'CS' },

  PixelData: { tag: 0x7fe00010, vr: 'OW' },
} as const satisfies Record<string, { tag: number; vr: Vr }>;

export type Keyword = keyof typeof DICTIONARY;
type VrOf<K extends Keyword> = (typeof DICTIONARY)[K]['vr'];

/** Builds an element by keyword, taking tag and VR from {@link DICTIONARY}. */
export function attr<K extends Keyword>(keyword: K, value: ValueOf<VrOf<K>>): DataElement {
  const { tag, vr } = DICTIONARY[keyword];
  return { tag, vr, value } as DataElement;
}

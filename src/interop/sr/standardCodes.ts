import { code } from '../codedConcept';

/**
 * The standard codes the plan SR uses (DCM: PS3.16 Annex D; SCT: SNOMED CT as DICOM uses it;
 * UCUM units), with the meanings PS3.16 gives them. One place, so that the writer and the
 * tests agree on every value and meaning.
 */
export const SR_CODES = {
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'),
  languageOfContent: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  englishUnitedStates: code('en-US', 'RFC5646', 'English, United States'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  device: code('121007', 'DCM', 'Device'),
  personObserverName: code('121008', 'DCM', 'Person Observer Name'),
  deviceObserverUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceObserverName: code('121013', 'DCM', 'Device Observer Name'),
  deviceObserverManufacturer: code('121014', 'DCM', 'Device Observer Manufacturer'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  imagingProcedure: code('363679005', 'SCT', 'Imaging procedure'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  modality: code('121139', 'DCM', 'Modality'),
  computedTomography: code('CT', 'DCM', 'Computed Tomography'),
  frameOfReferenceUid: code('112227', 'DCM', 'Frame of Reference UID'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUniqueIdentifier: code('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: code('121071', 'DCM', 'Finding'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  laterality: code('272741003', 'SCT', 'Laterality'),
  needle: code('79068005', 'SCT', 'Needle'),
  metastaticNeoplasm: code('14799000', 'SCT', 'Neoplasm, metastatic'),
  length: code('410668003', 'SCT', 'Length'),
  depth: code('131197000', 'SCT', 'Depth'),
  needleGauge: code('111465', 'DCM', 'Needle Gauge'),
  angle: code('1483009', 'SCT', 'Angle'),
  measurementMethod: code('370129005', 'SCT', 'Measurement Method'),
  topographicalModifier: code('106233006', 'SCT', 'Topographical modifier'),
  deviceName: code('113877', 'DCM', 'Device Name'),
  referencedSegment: code('121191', 'DCM', 'Referenced Segment'),
  sourceSeriesForSegmentation: code('121232', 'DCM', 'Source series for segmentation'),
  volume: code('118565006', 'SCT', 'Volume'),
  diameter: code('81827009', 'SCT', 'Diameter'),
  attenuationCoefficient: code('112031', 'DCM', 'Attenuation Coefficient'),
  derivation: code('121401', 'DCM', 'Derivation'),
  mean: code('373098007', 'SCT', 'Mean'),
  minimum: code('255605001', 'SCT', 'Minimum'),
  maximum: code('56851009', 'SCT', 'Maximum'),
  cranial: code('66787007', 'SCT', 'Cranial'),
  caudal: code('3583002', 'SCT', 'Caudal'),
  left: code('7771000', 'SCT', 'Left'),
  right: code('24028007', 'SCT', 'Right'),
  anterior: code('255549009', 'SCT', 'Anterior'),
  posterior: code('255551008', 'SCT', 'Posterior'),
} as const;

/** UCUM units (PS3.16 CID 7181 and friends). */
export const UCUM = {
  mm: code('mm', 'UCUM', 'millimeter'),
  deg: code('deg', 'UCUM', 'degree'),
  ml: code('ml', 'UCUM', 'milliliter'),
  percent: code('%', 'UCUM', 'percent'),
  gauge: code('{G}', 'UCUM', 'Gauge'),
  hounsfield: code("[hnsf'U]", 'UCUM', 'Hounsfield unit'),
} as const;

/** Anatomic sites (SCT, as PS3.16 CID 4031 names them) a lesion's Finding Site may take. */
export const SITE_CODES = {
  cervicalSpine: code('122494005', 'SCT', 'Cervical spine'),
  thoracicSpine: code('122495006', 'SCT', 'Thoracic spine'),
  lumbarSpine: code('122496007', 'SCT', 'Lumbar spine'),
  sacrum: code('54735007', 'SCT', 'Sacrum'),
  ilium: code('22356005', 'SCT', 'Ilium'),
  acetabulum: code('37783008', 'SCT', 'Acetabulum'),
  pelvis: code('12921003', 'SCT', 'Pelvis'),
  ischium: code('85710004', 'SCT', 'Ischium'),
  femur: code('71341001', 'SCT', 'Femur'),
} as const;

/**
 * What a SOP Class UID tells PercuPlan about an object before any pixel is decoded: whether it
 * is an image that can be drawn, or a non-image object (report, segmentation, RT object,
 * document, presentation state …) that is listed but never drawn as a slice. RT Dose and
 * Segmentation carry pixel data yet are not images of the patient, so pixel data alone cannot
 * decide this.
 */
export type SopClassKind = 'image' | 'non-image' | 'unknown';

/** Finer grouping of non-image objects, for the label the user sees next to them. */
export type NonImageCategory =
  | 'structured-report'
  | 'key-object-selection'
  | 'segmentation'
  | 'rt'
  | 'document'
  | 'presentation-state'
  | 'registration'
  | 'raw-data'
  | 'waveform'
  | 'spectroscopy'
  | 'surface'
  | 'value-mapping'
  | 'directory';

/** The classification of one SOP Class UID. */
export interface SopClassInfo {
  uid: string;
  kind: SopClassKind;
  /** Human name from PS3.6 (or a generic one for unlisted members of a known family). */
  name: string;
  category?: NonImageCategory;
  /**
   * Enhanced / legacy-converted multi-frame images keep each frame's position in per-frame
   * functional groups, which {@link InstanceHeader} does not carry.
   */
  enhancedMultiFrame?: boolean;
}

const P = '1.2.840.10008.5.1.4.1.1.';

type Entry = readonly [suffix: string, name: string];

const IMAGES: readonly Entry[] = [
  ['1', 'Computed Radiography Image'],
  ['1.1', 'Digital X-Ray Image (For Presentation)'],
  ['1.1.1', 'Digital X-Ray Image (For Processing)'],
  ['1.2', 'Digital Mammography X-Ray Image (For Presentation)'],
  ['1.2.1', 'Digital Mammography X-Ray Image (For Processing)'],
  ['1.3', 'Digital Intra-Oral X-Ray Image (For Presentation)'],
  ['1.3.1', 'Digital Intra-Oral X-Ray Image (For Processing)'],
  ['2', 'CT Image'],
  ['3.1', 'Ultrasound Multi-frame Image'],
  ['4', 'MR Image'],
  ['6.1', 'Ultrasound Image'],
  ['7', 'Secondary Capture Image'],
  ['7.1', 'Multi-frame Single Bit Secondary Capture Image'],
  ['7.2', 'Multi-frame Grayscale Byte Secondary Capture Image'],
  ['7.3', 'Multi-frame Grayscale Word Secondary Capture Image'],
  ['7.4', 'Multi-frame True Color Secondary Capture Image'],
  ['12.1', 'X-Ray Angiographic Image'],
  ['12.2', 'X-Ray Radiofluoroscopic Image'],
  ['13.1.1', 'X-Ray 3D Angiographic Image'],
  ['13.1.2', 'X-Ray 3D Craniofacial Image'],
  ['13.1.3', 'Breast Tomosynthesis Image'],
  ['20', 'Nuclear Medicine Image'],
  ['77.1.1', 'VL Endoscopic Image'],
  ['77.1.2', 'VL Microscopic Image'],
  ['77.1.4', 'VL Photographic Image'],
  ['77.1.6', 'VL Whole Slide Microscopy Image'],
  ['128', 'Positron Emission Tomography Image'],
  ['481.1', 'RT Image'],
];

const ENHANCED_IMAGES: readonly Entry[] = [
  ['2.1', 'Enhanced CT Image'],
  ['2.2', 'Legacy Converted Enhanced CT Image'],
  ['4.1', 'Enhanced MR Image'],
  ['4.3', 'Enhanced MR Color Image'],
  ['4.4', 'Legacy Converted Enhanced MR Image'],
  ['6.2', 'Enhanced US Volume'],
  ['12.1.1', 'Enhanced XA Image'],
  ['12.2.1', 'Enhanced XRF Image'],
  ['128.1', 'Legacy Converted Enhanced PET Image'],
  ['130', 'Enhanced PET Image'],
];

const NON_IMAGES: readonly (readonly [string, string, NonImageCategory])[] = [
  ['88.11', 'Basic Text SR', 'structured-report'],
  ['88.22', 'Enhanced SR', 'structured-report'],
  ['88.33', 'Comprehensive SR', 'structured-report'],
  ['88.34', 'Comprehensive 3D SR', 'structured-report'],
  ['88.35', 'Extensible SR', 'structured-report'],
  ['88.40', 'Procedure Log', 'structured-report'],
  ['88.50', 'Mammography CAD SR', 'structured-report'],
  ['88.59', 'Key Object Selection Document', 'key-object-selection'],
  ['88.65', 'Chest CAD SR', 'structured-report'],
  ['88.67', 'X-Ray Radiation Dose SR', 'structured-report'],
  ['88.68', 'Radiopharmaceutical Radiation Dose SR', 'structured-report'],
  ['88.69', 'Colon CAD SR', 'structured-report'],
  ['88.70', 'Implantation Plan SR', 'structured-report'],
  ['88.71', 'Acquisition Context SR', 'structured-report'],
  ['88.73', 'Patient Radiation Dose SR', 'structured-report'],
  ['88.76', 'Enhanced X-Ray Radiation Dose SR', 'structured-report'],
  ['66', 'Raw Data', 'raw-data'],
  ['66.1', 'Spatial Registration', 'registration'],
  ['66.2', 'Spatial Fiducials', 'registration'],
  ['66.3', 'Deformable Spatial Registration', 'registration'],
  ['66.4', 'Segmentation', 'segmentation'],
  ['66.5', 'Surface Segmentation', 'segmentation'],
  ['66.7', 'Label Map Segmentation', 'segmentation'],
  ['67', 'Real World Value Mapping', 'value-mapping'],
  ['68.1', 'Surface Scan Mesh', 'surface'],
  ['68.2', 'Surface Scan Point Cloud', 'surface'],
  ['104.1', 'Encapsulated PDF', 'document'],
  ['104.2', 'Encapsulated CDA', 'document'],
  ['104.3', 'Encapsulated STL', 'surface'],
  ['104.4', 'Encapsulated OBJ', 'surface'],
  ['104.5', 'Encapsulated MTL', 'surface'],
  ['11.1', 'Grayscale Softcopy Presentation State', 'presentation-state'],
  ['11.2', 'Color Softcopy Presentation State', 'presentation-state'],
  ['11.3', 'Pseudo-Color Softcopy Presentation State', 'presentation-state'],
  ['11.4', 'Blending Softcopy Presentation State', 'presentation-state'],
  ['4.2', 'MR Spectroscopy', 'spectroscopy'],
  ['481.2', 'RT Dose', 'rt'],
  ['481.3', 'RT Structure Set', 'rt'],
  ['481.4', 'RT Beams Treatment Record', 'rt'],
  ['481.5', 'RT Plan', 'rt'],
  ['481.6', 'RT Brachy Treatment Record', 'rt'],
  ['481.7', 'RT Treatment Summary Record', 'rt'],
  ['481.8', 'RT Ion Plan', 'rt'],
  ['481.9', 'RT Ion Beams Treatment Record', 'rt'],
  ['9.1.1', '12-lead ECG Waveform', 'waveform'],
  ['9.1.2', 'General ECG Waveform', 'waveform'],
  ['9.4.1', 'Basic Voice Audio Waveform', 'waveform'],
];

/**
 * Families whose members keep being added to the standard: an unlisted UID under one of these
 * roots is still known not to be an image (RT Image, 481.1, is listed above and wins).
 */
const NON_IMAGE_FAMILIES: readonly (readonly [string, string, NonImageCategory])[] = [
  [`${P}88.`, 'Structured Report', 'structured-report'],
  [`${P}11.`, 'Presentation State', 'presentation-state'],
  [`${P}481.`, 'RT object', 'rt'],
  [`${P}9.`, 'Waveform', 'waveform'],
  [`${P}104.`, 'Encapsulated document', 'document'],
  [`${P}66.`, 'Segmentation or registration object', 'segmentation'],
];

const OTHER_NON_IMAGES: readonly (readonly [string, string, NonImageCategory])[] = [
  ['1.2.840.10008.1.3.10', 'Media Storage Directory (DICOMDIR)', 'directory'],
  // Siemens CSA headers travel in series next to the images; they hold no picture.
  ['1.3.12.2.1107.5.9.1', 'Siemens CSA Non-Image', 'raw-data'],
];

type Known = Omit<SopClassInfo, 'uid'>;

const TABLE: ReadonlyMap<string, Known> = new Map<string, Known>([
  ...IMAGES.map(([s, name]): [string, Known] => [P + s, { kind: 'image', name: `${name} Storage` }]),
  ...ENHANCED_IMAGES.map(([s, name]): [string, Known] => [
    P + s,
    { kind: 'image', name: `${name} Storage`, enhancedMultiFrame: true },
  ]),
  ...NON_IMAGES.map(([s, name, category]): [string, Known] => [
    P + s,
    { kind: 'non-image', name: `${name} Storage`, category },
  ]),
  ...OTHER_NON_IMAGES.map(([uid, name, category]): [string, Known] => [uid, { kind: 'non-image', name, category }]),
]);

/** Classifies a SOP Class UID (surrounding spaces and NUL padding are ignored). */
export function classifySopClass(sopClassUID: string): SopClassInfo {
  const uid = sopClassUID.replace(/[\s\0]+$/g, '').trim();
  const known = TABLE.get(uid);
  if (known) return { uid, ...known };
  const family = NON_IMAGE_FAMILIES.find(([root]) => uid.startsWith(root));
  if (family) return { uid, kind: 'non-image', name: family[1], category: family[2] };
  return { uid, kind: 'unknown', name: uid === '' ? 'no SOP Class UID' : `unknown SOP Class ${uid}` };
}

/**
 * True when an object belongs among a series' images rather than its listed non-image objects.
 * Unknown classes are judged by their pixel data, so a private or newer image class is still
 * shown while a private non-image object is not.
 */
export function isImageObject(sopClassUID: string, hasPixelData: boolean): boolean {
  const { kind } = classifySopClass(sopClassUID);
  return kind === 'image' || (kind === 'unknown' && hasPixelData);
}

import type { StructureKind } from '../../planning/records/structureAtRisk';
import { code, type CodedConcept } from '../codedConcept';
import { percuplanCode } from '../percuplanCodes';

const sct = (value: string, meaning: string): CodedConcept => code(value, 'SCT', meaning);

/** The category and type of each kind of segment the plan SEG writes. */
export const SEGMENT_CODES = {
  /** SCT 49755003 / 14799000 (CID 7150 / 7151), as interop.md asks for a lesion. */
  lesionCategory: sct('49755003', 'Morphologically abnormal structure'),
  lesionType: sct('14799000', 'Neoplasm, metastatic'),
  /** SCT 91723000, the category the issue names for structures at risk. */
  structureCategory: sct('91723000', 'Anatomical structure'),
  /** CID 7150 "Spatial and relational concept": a planned region is neither tissue nor anatomy. */
  zoneCategory: sct('309825002', 'Spatial and relational concept'),
  /**
   * No standard code exists for a planned ablation zone (interop.md): the private one, from the
   * one table both writers share so its value cannot mean something else in the SR.
   */
  zoneType: percuplanCode('plannedLethalZone'),
} as const;

/**
 * The segmented property type of each kind of structure at risk: the SNOMED CT concept DICOM's
 * segmentation type context groups use (as pydicom's DICOM concept tables list them), or the
 * generic "Anatomical structure" where DICOM has none (bowel: no code for the intestine as a
 * whole; "other") — the segment's label then says what it is.
 */
export const STRUCTURE_TYPE_CODES: Readonly<Record<StructureKind, CodedConcept>> = {
  'spinal-canal': sct('61853006', 'Spinal canal'),
  'spinal-cord': sct('2748008', 'Spinal cord'),
  'nerve-root': sct('119410002', 'Nerve'),
  bowel: sct('91723000', 'Anatomical structure'),
  bladder: sct('89837001', 'Bladder'),
  'major-vessel': sct('59820001', 'Blood vessel'),
  skin: sct('39937001', 'Skin'),
  other: sct('91723000', 'Anatomical structure'),
};

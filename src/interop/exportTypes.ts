import type { InstanceHeader } from '../dicom/instanceHeader';
import type { DeviceCatalogue } from '../planning/devices/deviceSchema';
import type { PlanDocument } from '../records';
import type { NaturalDataset } from './part10';
import type { PlanDicomUids } from './planUids';

/** The planning CT as the exported objects reference it. */
export interface ReferencedCt {
  /**
   * The CT series' single-frame image instances, in any order (the writers sort them by
   * position along the slice normal, never by file order or instance number).
   */
  readonly slices: readonly InstanceHeader[];
  /**
   * The Patient, General Study and Patient Study module attributes of the CT, naturalized
   * (PatientName, PatientID, PatientBirthDate, PatientSex, PatientAge, StudyInstanceUID,
   * StudyDate, StudyTime, StudyID, AccessionNumber, ReferringPhysicianName, StudyDescription …
   * as the CT has them): copied verbatim into the SEG and the SR so that `dcentvfy` finds CT,
   * SEG and SR consistent.
   */
  readonly patientStudy: NaturalDataset;
}

/** What a plan version's DICOM export is built from. */
export interface PlanExportInput {
  /** The stored plan version (content as the server recomputed it on save: metrics present). */
  readonly plan: PlanDocument;
  readonly ct: ReferencedCt;
  readonly catalogue: DeviceCatalogue;
  readonly uids: PlanDicomUids;
  /** Written as Manufacturer / ManufacturerModelName "PercuPlan" and SoftwareVersions. */
  readonly softwareVersion: string;
}

/** One exported Part 10 file. */
export interface ExportedObject {
  readonly kind: 'seg' | 'sr';
  /** Name inside the zip, e.g. "SEG_<sopInstanceUID>.dcm". */
  readonly fileName: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly bytes: Uint8Array;
}

/** Which SEG segment holds which plan item; the SR's lesion groups refer to these. */
export interface SegmentRef {
  readonly itemId: string;
  readonly kind: 'lesion' | 'structure' | 'ablation-zone';
  readonly segmentNumber: number;
  readonly label: string;
  /** Voxels set in the segment (0: the segment is listed but has no frames). */
  readonly voxelCount: number;
}

/** The SEG of a plan version, with its segment map. */
export interface ExportedSeg {
  readonly object: ExportedObject;
  readonly segments: readonly SegmentRef[];
}

/** SOP classes written. */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
export const COMPREHENSIVE_3D_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.34';

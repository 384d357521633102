import type { Vec3 } from '../../src/shared/vec3';
import type { VoxelGrid } from '../phantom/grid';
import type { PaintOp } from '../phantom/paint';
import type { Shape } from '../phantom/shape';
import type { PostProcedureScene } from '../postop/postProcedureScene';
import type { StudyKey } from '../studyKeys';

export interface PatientInfo {
  name: string;
  id: string;
  sex: 'M' | 'F';
  birthDate: string;
  /** DICOM AS, e.g. 062Y; must agree with birth date and study date. */
  age: string;
  sizeM: number;
  weightKg: number;
}

export interface AcquisitionInfo {
  studyDate: string;
  studyTime: string;
  accessionNumber: string;
  studyId: string;
  studyDescription: string;
  seriesDescription: string;
  seriesNumber: number;
  protocolName: string;
  bodyPart: 'PELVIS' | 'TSPINE' | 'SPINE' | 'LSPINE';
  modelName: string;
  kvp: number;
  tubeCurrentMa: number;
  exposureTimeMs: number;
  kernel: string;
  scanOptions: string;
  /** Window centres and widths written to the header, first the default. */
  windows: readonly { centre: number; width: number; explanation: string }[];
}

/** A lesion as designed (body frame); its painted volume is counted when rendering. */
export interface LesionDef {
  id: string;
  label: string;
  site: string;
  type: 'lytic' | 'cemented';
  /** Label value painted in the label volume. */
  labelValue: number;
  centre: Vec3;
  semiAxesMm: Vec3;
  meanHu: number;
  corticalBreak: boolean;
  /**
   * The lesion's shape in the study's frame, when its voxels are not all labelled (cement and
   * needles painted over it): then its volume counts the voxels whose centre is inside it.
   */
  shape?: Shape;
}

/** What a study's anatomy builder returns: paint operations plus the truth it knows. */
export interface Scene {
  ops: PaintOp[];
  lesions: LesionDef[];
  /** Body-frame landmarks. */
  landmarks: Record<string, Vec3>;
  /** Post-procedure cone-beam CT only: pose, needles, cement labels and metal artefacts. */
  postProcedure?: PostProcedureScene;
}

/**
 * Everything that defines one sample study: patient and acquisition facts, the voxel grid
 * (in the body frame of its anatomy), where that frame sits in the scanner's LPS space,
 * noise, and a scene builder. UIDs derive from `uidIndex`, noise from `seed`.
 */
export interface StudyDefinition {
  key: StudyKey;
  uidIndex: number;
  seed: number;
  patient: PatientInfo;
  acquisition: AcquisitionInfo;
  grid: VoxelGrid;
  /** LPS = body-frame point + bodyToLps. */
  bodyToLps: Vec3;
  noiseSigmaHu: number;
  blur: { xy: number; z: number };
  /** Cone-beam field of view: a z-aligned cylinder (body frame); outside is padding. */
  fieldOfView?: { centre: readonly [number, number]; radiusMm: number; paddingHu: number };
  scene: () => Scene;
  /** A coarse test version ({@link reducedStudy}): lesions may miss the grid. */
  reduced?: boolean;
}

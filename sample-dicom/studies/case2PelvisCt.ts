import { tissue } from '../anatomy/tissue';
import type { VoxelGrid } from '../phantom/grid';
import { CASE2_PATIENT, CASE2_PATIENT_INFO, case2Lesions } from './case2Patient';
import { pelvisScene } from './pelvisScene';
import type { Scene, StudyDefinition } from './studyDefinition';
import { DIAGNOSTIC_CT_IMAGE_QUALITY, DIAGNOSTIC_CT_RECONSTRUCTION } from './diagnosticCt';

const GRID: VoxelGrid = {
  columns: 512,
  rows: 512,
  slices: 150,
  colSpacing: 0.78125,
  rowSpacing: 0.78125,
  sliceSpacing: 2,
  x0: -199.609375,
  y0: -199.609375,
  top: 190,
};

function scene(): Scene {
  const base = pelvisScene(CASE2_PATIENT, GRID);
  const l = case2Lesions(base.geometry, CASE2_PATIENT.proportions.headRadius);
  return {
    ops: [
      ...base.ops,
      { name: 'right acetabular lytic lesion', shape: l.acetabular, material: tissue.lesion, label: 1 },
      { name: 'right pubic ramus lytic lesion', shape: l.ramus, material: tissue.lesion, label: 2 },
    ],
    lesions: l.defs,
    landmarks: base.landmarks,
  };
}

export const case2PelvisCt: StudyDefinition = {
  key: 'case2-pelvis-ct',
  uidIndex: 2,
  seed: 0xc02,
  patient: CASE2_PATIENT_INFO,
  acquisition: {
    studyDate: '20240506',
    studyTime: '104522',
    accessionNumber: 'PPA0002',
    studyId: '2001',
    studyDescription: 'CT pelvis',
    seriesDescription: 'Pelvis 2.0 mm axial',
    seriesNumber: 2,
    protocolName: 'Pelvis bone',
    bodyPart: 'PELVIS',
    modelName: 'Synthetic CT',
    kvp: 120,
    tubeCurrentMa: 230,
    ...DIAGNOSTIC_CT_RECONSTRUCTION,
  },
  grid: GRID,
  bodyToLps: [0, 0, -380],
  ...DIAGNOSTIC_CT_IMAGE_QUALITY,
  scene,
};

import { attr, element, type Dataset } from '../../src/dicom/write';
import type { Vec3 } from '../../src/shared/vec3';
import type { StudyDefinition } from '../studies/studyDefinition';
import { huToStored, RESCALE_INTERCEPT } from './huEncoding';
import type { StudyUids } from './uids';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/**
 * The attributes shared by every image of a series: Patient, General Study, Patient Study,
 * General Series, Frame of Reference, General Equipment, General Acquisition, Image Plane
 * (orientation, spacing, thickness), Image Pixel, CT Image, VOI LUT and SOP Common modules.
 */
export function ctSeriesAttributes(def: StudyDefinition, uids: StudyUids): Dataset {
  const { patient: p, acquisition: a, grid: g } = def;
  const time = a.studyTime;
  const seriesTime = addSeconds(time, 30 + def.uidIndex);
  return [
    attr('SpecificCharacterSet', 'ISO_IR 100'),
    attr('ImageType', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
    attr('InstanceCreationDate', a.studyDate),
    attr('InstanceCreationTime', addSeconds(time, 120)),
    attr('SOPClassUID', CT_IMAGE_STORAGE),
    attr('StudyDate', a.studyDate),
    attr('SeriesDate', a.studyDate),
    attr('AcquisitionDate', a.studyDate),
    attr('ContentDate', a.studyDate),
    attr('StudyTime', time),
    attr('SeriesTime', seriesTime),
    attr('AcquisitionTime', seriesTime),
    attr('ContentTime', seriesTime),
    attr('AccessionNumber', a.accessionNumber),
    attr('Modality', 'CT'),
    attr('Manufacturer', 'PercuPlan synthetic'),
    attr('InstitutionName', 'PercuPlan sample data'),
    attr('ReferringPhysicianName', ''),
    attr('StationName', 'PPSYNTH01'),
    attr('StudyDescription', a.studyDescription),
    attr('SeriesDescription', a.seriesDescription),
    attr('ManufacturerModelName', a.modelName),
    attr('PatientName', p.name),
    attr('PatientID', p.id),
    attr('PatientBirthDate', p.birthDate),
    attr('PatientSex', p.sex),
    attr('PatientAge', p.age),
    attr('PatientSize', p.sizeM),
    attr('PatientWeight', p.weightKg),
    attr('BodyPartExamined', a.bodyPart),
    attr('ScanOptions', a.scanOptions),
    attr('SliceThickness', g.sliceSpacing),
    attr('KVP', a.kvp),
    attr('SpacingBetweenSlices', g.sliceSpacing),
    attr('DataCollectionDiameter', 500),
    attr('SoftwareVersions', 'percuplan-sample-dicom 1'),
    attr('ProtocolName', a.protocolName),
    attr('ReconstructionDiameter', g.columns * g.colSpacing),
    attr('GantryDetectorTilt', 0),
    attr('TableHeight', 150),
    attr('RotationDirection', 'CW'),
    attr('ExposureTime', a.exposureTimeMs),
    attr('XRayTubeCurrent', a.tubeCurrentMa),
    attr('ConvolutionKernel', a.kernel),
    attr('PatientPosition', 'HFS'),
    attr('StudyInstanceUID', uids.study),
    attr('SeriesInstanceUID', uids.series),
    attr('StudyID', a.studyId),
    attr('SeriesNumber', a.seriesNumber),
    attr('AcquisitionNumber', 1),
    attr('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]),
    attr('FrameOfReferenceUID', uids.frameOfReference),
    attr('PositionReferenceIndicator', ''),
    attr('SamplesPerPixel', 1),
    attr('PhotometricInterpretation', 'MONOCHROME2'),
    attr('Rows', g.rows),
    attr('Columns', g.columns),
    attr('PixelSpacing', [g.rowSpacing, g.colSpacing]),
    attr('BitsAllocated', 16),
    attr('BitsStored', 16),
    attr('HighBit', 15),
    attr('PixelRepresentation', 0),
    ...(def.fieldOfView ? [attr('PixelPaddingValue', huToStored(def.fieldOfView.paddingHu))] : []),
    attr('BurnedInAnnotation', 'NO'),
    attr('WindowCenter', a.windows.map((w) => w.centre)),
    attr('WindowWidth', a.windows.map((w) => w.width)),
    attr('RescaleIntercept', RESCALE_INTERCEPT),
    attr('RescaleSlope', 1),
    attr('RescaleType', 'HU'),
    attr('WindowCenterWidthExplanation', a.windows.map((w) => w.explanation)),
    attr('LossyImageCompression', '00'),
  ];
}

/** The per-image attributes: identity, position and pixels. */
export function ctImageAttributes(uids: StudyUids, instanceNumber: number, positionLps: Vec3, pixels: Uint16Array): Dataset {
  return [
    attr('SOPInstanceUID', uids.instance(instanceNumber)),
    attr('InstanceNumber', instanceNumber),
    attr('ImagePositionPatient', positionLps.map(round6)),
    attr('SliceLocation', round6(positionLps[2])),
    element(0x7fe00010, 'OW', pixels),
  ];
}

/** Rounds to 6 decimals so DS strings stay short and positions exact to a micron. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function addSeconds(hhmmss: string, s: number): string {
  const t = Number(hhmmss.slice(0, 2)) * 3600 + Number(hhmmss.slice(2, 4)) * 60 + Number(hhmmss.slice(4, 6)) + s;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(t / 3600) % 24)}${pad(Math.floor(t / 60) % 60)}${pad(t % 60)}`;
}

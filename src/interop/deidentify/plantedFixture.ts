import dcmjs from 'dcmjs';
import { decodePart10, EXPLICIT_VR_LITTLE_ENDIAN, type NaturalDataset } from '../part10';

/*
 * Test support: a CT-like instance with identifying values planted in every kind of attribute
 * (names, IDs, dates, times, accession, institution, physicians, descriptions, a sequence three
 * levels deep, private attributes and their private creators, at the top and inside an item),
 * written as Part 10 bytes and read back the way PercuPlan reads files. Only tests import it.
 */

/** Every planted identifying text: none may survive de-identification anywhere in the bytes. */
export const PLANTED = {
  patientName: 'Plantedsurname^Janet',
  patientId: 'PID-PLANTED-4711',
  birthDate: '19510317',
  otherIds: 'OTHERID-PLANTED',
  address: '12 Planted Lane Springfield',
  accession: 'ACC-PLANTED-99',
  institution: 'Saint Planted Hospital',
  institutionAddress: '1 Hospital Road Plantedville',
  department: 'Planted Radiology Dept',
  referring: 'Referrer^Plantedperson',
  performing: 'Performer^Plantedperson',
  operator: 'Operator^Plantedperson',
  reading: 'Reader^Plantedperson',
  studyDescription: 'PLANTED STUDY DESCRIPTION',
  seriesDescription: 'PLANTED SERIES DESCRIPTION',
  protocol: 'PLANTED PROTOCOL NAME',
  studyId: 'STUDYID-PLANT',
  station: 'PLANTEDSTATION',
  serial: 'SN-PLANTED-123',
  comments: 'Planted comment: call Dr Who',
  history: 'Planted history of falls',
  deepName: 'Deepname^Plantedperson',
  deepInstitution: 'Deep Planted Institute',
  privateCreator: 'PLANTED CREATOR',
  privateValue: 'PRIVATE-PLANTED-VALUE',
  deepPrivate: 'DEEP-PRIVATE-PLANTED',
} as const;

/** UIDs of the fixture's study, series and frame of reference (shared by every file). */
export const FIXTURE_UIDS = {
  study: '1.2.826.0.1.3680043.8.498.1001',
  series: '1.2.826.0.1.3680043.8.498.1002',
  frame: '1.2.826.0.1.3680043.8.498.1003',
  instance: (n: number): string => `1.2.826.0.1.3680043.8.498.2${String(n).padStart(3, '0')}`,
};

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** The naturalized planted CT instance `n` (1-based), before it is written. */
export function plantedCt(n: number): NaturalDataset {
  const p = PLANTED;
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: FIXTURE_UIDS.instance(n),
    StudyDate: '20240229',
    SeriesDate: '20240229',
    AcquisitionDateTime: '20240229101112.5',
    ContentDate: '20240301',
    StudyTime: '101112',
    ContentTime: '235959',
    AccessionNumber: p.accession,
    Modality: 'CT',
    Manufacturer: 'Acme',
    InstitutionName: p.institution,
    InstitutionAddress: p.institutionAddress,
    InstitutionalDepartmentName: p.department,
    ReferringPhysicianName: [{ Alphabetic: p.referring }],
    StationName: p.station,
    StudyDescription: p.studyDescription,
    SeriesDescription: p.seriesDescription,
    PerformingPhysicianName: [{ Alphabetic: p.performing }],
    NameOfPhysiciansReadingStudy: [{ Alphabetic: p.reading }],
    OperatorsName: [{ Alphabetic: p.operator }],
    PatientName: [{ Alphabetic: p.patientName }],
    PatientID: p.patientId,
    PatientBirthDate: p.birthDate,
    PatientSex: 'F',
    PatientAge: '072Y',
    PatientSize: 1.62,
    PatientWeight: 58,
    OtherPatientIDs: p.otherIds,
    PatientAddress: p.address,
    AdditionalPatientHistory: p.history,
    DeviceSerialNumber: p.serial,
    ProtocolName: p.protocol,
    StudyInstanceUID: FIXTURE_UIDS.study,
    SeriesInstanceUID: FIXTURE_UIDS.series,
    StudyID: p.studyId,
    SeriesNumber: 3,
    InstanceNumber: n,
    FrameOfReferenceUID: FIXTURE_UIDS.frame,
    ImageComments: p.comments,
    // Three levels deep, with identifying values at the bottom.
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: FIXTURE_UIDS.series,
        ReferencedInstanceSequence: [
          {
            ReferencedSOPClassUID: CT_IMAGE_STORAGE,
            ReferencedSOPInstanceUID: FIXTURE_UIDS.instance(n === 1 ? 2 : 1),
            ReferencedImageSequence: [
              {
                ReferencedSOPClassUID: CT_IMAGE_STORAGE,
                ReferencedSOPInstanceUID: FIXTURE_UIDS.instance(n),
                OperatorsName: [{ Alphabetic: p.deepName }],
                InstitutionName: p.deepInstitution,
                InstanceCreationDate: '20240229',
              },
            ],
          },
        ],
      },
    ],
    Rows: 2,
    Columns: 2,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    PixelData: [new Int16Array([-1000, 0, 40, 1000]).buffer],
    _vrMap: { PixelData: 'OW' },
  };
}

/**
 * Planted CT instance `n` as Part 10 bytes, with private attributes added in dcmjs's tag-keyed
 * form (its naturalized writer drops tags it does not know): a private creator and a value in
 * group 0009 at the top level and another inside the first ReferencedSeriesSequence item.
 */
export function plantedCtBytes(n: number): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const ds = plantedCt(n);
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: ds.SOPClassUID,
    MediaStorageSOPInstanceUID: ds.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
  });
  const dict = new DicomDict(meta);
  const body = DicomMetaDictionary.denaturalizeDataset(ds) as Record<string, { vr: string; Value: unknown[] }>;
  body['00090010'] = { vr: 'LO', Value: [PLANTED.privateCreator] };
  body['00091001'] = { vr: 'LO', Value: [PLANTED.privateValue] };
  const seriesItem = (body['00081115']!.Value as Record<string, unknown>[])[0]!;
  seriesItem['00110010'] = { vr: 'LO', Value: [PLANTED.privateCreator] };
  seriesItem['00111001'] = { vr: 'LO', Value: [PLANTED.deepPrivate] };
  dict.dict = body;
  return new Uint8Array(dict.write());
}

/** Planted CT instance `n` as PercuPlan reads it (decodePart10). */
export function plantedCtRead(n: number): NaturalDataset {
  const r = decodePart10(plantedCtBytes(n), `planted-${n}.dcm`);
  if (!r.ok) throw new Error(r.error);
  return r.value.dataset;
}

/** True when `bytes` hold `text` as ASCII anywhere. */
export function bytesContain(bytes: Uint8Array, text: string): boolean {
  const needle = new TextEncoder().encode(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

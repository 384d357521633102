import type { NaturalDataset } from './part10';

/**
 * The attributes of the Patient (PS3.3 C.7.1.1), General Study (C.7.2.1) and Patient Study
 * (C.7.2.2) modules, by keyword. The SEG and SR of a plan copy exactly these from the CT, so
 * `dcentvfy` finds one patient and one study across CT, SEG and SR; anything else of the CT
 * (equipment, series, image) must not be copied, since the exported objects have their own.
 */
export const PATIENT_STUDY_KEYWORDS: readonly string[] = [
  // Patient
  'PatientName',
  'PatientID',
  'IssuerOfPatientID',
  'IssuerOfPatientIDQualifiersSequence',
  'TypeOfPatientID',
  'PatientBirthDate',
  'PatientBirthTime',
  'PatientBirthDateInAlternativeCalendar',
  'PatientDeathDateInAlternativeCalendar',
  'PatientAlternativeCalendar',
  'PatientSex',
  'ReferencedPatientPhotoSequence',
  'QualityControlSubject',
  'ReferencedPatientSequence',
  'OtherPatientIDs',
  'OtherPatientIDsSequence',
  'OtherPatientNames',
  'EthnicGroup',
  'PatientComments',
  'PatientSpeciesDescription',
  'PatientSpeciesCodeSequence',
  'PatientBreedDescription',
  'PatientBreedCodeSequence',
  'BreedRegistrationSequence',
  'StrainDescription',
  'StrainNomenclature',
  'StrainCodeSequence',
  'StrainAdditionalInformation',
  'StrainStockSequence',
  'GeneticModificationsSequence',
  'ResponsiblePerson',
  'ResponsiblePersonRole',
  'ResponsibleOrganization',
  'PatientIdentityRemoved',
  'DeidentificationMethod',
  'DeidentificationMethodCodeSequence',
  'SourcePatientGroupIdentificationSequence',
  'GroupOfPatientsIdentificationSequence',
  // General Study
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'ReferringPhysicianIdentificationSequence',
  'ConsultingPhysicianName',
  'ConsultingPhysicianIdentificationSequence',
  'StudyID',
  'AccessionNumber',
  'IssuerOfAccessionNumberSequence',
  'StudyDescription',
  'PhysiciansOfRecord',
  'PhysiciansOfRecordIdentificationSequence',
  'NameOfPhysiciansReadingStudy',
  'PhysiciansReadingStudyIdentificationSequence',
  'RequestingServiceCodeSequence',
  'ReferencedStudySequence',
  'ProcedureCodeSequence',
  'ReasonForPerformedProcedureCodeSequence',
  // Patient Study
  'AdmittingDiagnosesDescription',
  'AdmittingDiagnosesCodeSequence',
  'PatientAge',
  'PatientSize',
  'PatientSizeCodeSequence',
  'PatientWeight',
  'PatientBodyMassIndex',
  'MeasuredAPDimension',
  'MeasuredLateralDimension',
  'MedicalAlerts',
  'Allergies',
  'SmokingStatus',
  'PregnancyStatus',
  'LastMenstrualDate',
  'PatientState',
  'Occupation',
  'AdditionalPatientHistory',
  'AdmissionID',
  'IssuerOfAdmissionIDSequence',
  'ServiceEpisodeID',
  'IssuerOfServiceEpisodeIDSequence',
  'ServiceEpisodeDescription',
  'PatientSexNeutered',
  'ReasonForVisit',
  'ReasonForVisitCodeSequence',
];

/**
 * The patient and study attributes of a naturalized CT dataset, exactly as the CT has them: an
 * attribute present but empty stays present and empty (dropping it would make the SEG and SR
 * disagree with the CT in `dcentvfy`'s eyes), an absent one stays absent.
 */
export function patientStudyOf(dataset: NaturalDataset): NaturalDataset {
  const out: NaturalDataset = {};
  for (const keyword of PATIENT_STUDY_KEYWORDS) if (Object.prototype.hasOwnProperty.call(dataset, keyword)) out[keyword] = dataset[keyword];
  return out;
}

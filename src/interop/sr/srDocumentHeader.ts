import type { PlanDocument } from '../../records';
import type { NaturalDataset } from '../part10';
import type { DicomUtc } from '../dicomDateTime';
import { personName } from './srText';

/** Patient and General Study attributes of Type 2: present, even if empty, in every SR. */
const TYPE2_COPIED = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'StudyID',
  'AccessionNumber',
] as const;

/**
 * The CT's Patient, General Study and Patient Study attributes, copied verbatim (so that
 * `dcentvfy` finds CT, SEG and SR consistent), with the Type 2 ones the CT lacks present and
 * empty. dcmjs bookkeeping keys (`_vrMap`) and the CT's character set are left behind: the SR
 * declares its own.
 */
export function copiedPatientStudy(patientStudy: NaturalDataset): NaturalDataset {
  const out: NaturalDataset = {};
  for (const [k, v] of Object.entries(patientStudy)) {
    if (k.startsWith('_') || k === 'SpecificCharacterSet') continue;
    out[k] = v;
  }
  for (const k of TYPE2_COPIED) if (out[k] === undefined || out[k] === null) out[k] = '';
  return out;
}

/**
 * SR Document General flags (PS3.3 C.17.2): a draft or proposed plan is PARTIAL and
 * UNVERIFIED; an approved or performed one is COMPLETE, and VERIFIED by whoever approved it
 * at the time they did (UNVERIFIED if the plan does not say who or when).
 */
export function completionAndVerification(plan: PlanDocument, approvedAt: DicomUtc | null): NaturalDataset {
  const final = plan.status === 'approved' || plan.status === 'performed';
  if (!final) return { CompletionFlag: 'PARTIAL', VerificationFlag: 'UNVERIFIED' };
  if (!plan.approvedBy || !approvedAt) return { CompletionFlag: 'COMPLETE', VerificationFlag: 'UNVERIFIED' };
  return {
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: personName(plan.approvedBy),
        VerifyingObserverIdentificationCodeSequence: [],
        // Type 1 in the SR Document General module; PercuPlan records no organisation.
        VerifyingOrganization: 'Not recorded',
        VerificationDateTime: approvedAt.dateTime,
      },
    ],
  };
}

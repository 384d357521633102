/**
 * The audit trail's events and their DICOM PS3.15 A.5 codes (PS3.16 CID 400 "Audit Event ID"
 * for the event, CID 401 "Audit Event Type Code" for the subtype). The codes let a hospital's
 * audit repository (IHE ATNA / BALP) file PercuPlan's rows with those of its PACS.
 */

/** Every event PercuPlan records. */
export const AUDIT_EVENT_NAMES = [
  'auth.login',
  'auth.login-failed',
  'auth.logout',
  'case.read',
  'case.create',
  'case.update',
  'board.read',
  'board.create',
  'board.update',
  'board.comment',
  'board.decide',
  'board.follow-through',
  'keyImage.create',
  'keyImage.update',
  'keyImage.remove',
  'exercise.read',
  'exercise.create',
  'exercise.update',
  'exercise.submit',
  'plan.create',
  'plan.update',
  'plan.propose',
  'plan.approve',
  'postProcedure.run',
  'postProcedure.accept',
  'study.accessed',
  'export',
  'import',
  'security.forbidden',
  'account.change',
  'audit.read',
] as const;

/** One of {@link AUDIT_EVENT_NAMES}. */
export type AuditEventName = (typeof AUDIT_EVENT_NAMES)[number];

/** DICOM's action codes: Create, Read, Update, Delete, Execute. */
export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

/** A coded concept of the DICOM controlled terminology ("DCM"). */
export interface DcmCode {
  code: string;
  codeSystem: 'DCM';
  display: string;
}

/** How one event is coded. */
export interface AuditEventCoding {
  /** The event ID (CID 400). */
  type: DcmCode;
  /** The event type code (CID 401), where one fits. */
  subtype?: DcmCode;
  /** What was done to the data, per DICOM's EventActionCode. */
  action: AuditAction;
}

const dcm = (code: string, display: string): DcmCode => ({ code, codeSystem: 'DCM', display });

const USER_AUTHENTICATION = dcm('110114', 'User Authentication');
const PATIENT_RECORD = dcm('110110', 'Patient Record');
const PROCEDURE_RECORD = dcm('110111', 'Procedure Record');
const SECURITY_ALERT = dcm('110113', 'Security Alert');

/** The coding of every event. Checked against PS3.16 CID 400/401 (2024 edition). */
export const AUDIT_EVENT_CODES: Readonly<Record<AuditEventName, AuditEventCoding>> = {
  'auth.login': { type: USER_AUTHENTICATION, subtype: dcm('110122', 'Login'), action: 'E' },
  // A failed login is the Login event with a failure outcome (4), as DICOM's A.5.3.11 describes.
  'auth.login-failed': { type: USER_AUTHENTICATION, subtype: dcm('110122', 'Login'), action: 'E' },
  'auth.logout': { type: USER_AUTHENTICATION, subtype: dcm('110123', 'Logout'), action: 'E' },
  'case.read': { type: PATIENT_RECORD, action: 'R' },
  'case.create': { type: PATIENT_RECORD, action: 'C' },
  'case.update': { type: PATIENT_RECORD, action: 'U' },
  // A board meeting lists cases with the reason and question for each: audited as patient records.
  'board.read': { type: PATIENT_RECORD, action: 'R' },
  'board.create': { type: PATIENT_RECORD, action: 'C' },
  'board.update': { type: PATIENT_RECORD, action: 'U' },
  // A comment is added to the meeting's record of a case; a decision and its follow-through also write the case record.
  'board.comment': { type: PATIENT_RECORD, action: 'C' },
  'board.decide': { type: PATIENT_RECORD, action: 'U' },
  'board.follow-through': { type: PATIENT_RECORD, action: 'U' },
  // A key image is a picture of the patient's images attached to the case: part of the patient record.
  'keyImage.create': { type: PATIENT_RECORD, action: 'C' },
  'keyImage.update': { type: PATIENT_RECORD, action: 'U' },
  'keyImage.remove': { type: PATIENT_RECORD, action: 'D' },
  // An exercise shows a pseudonymous teaching case; a submission is a trainee's plan on it.
  'exercise.read': { type: PATIENT_RECORD, action: 'R' },
  'exercise.create': { type: PATIENT_RECORD, action: 'C' },
  'exercise.update': { type: PATIENT_RECORD, action: 'U' },
  'exercise.submit': { type: PROCEDURE_RECORD, action: 'C' },
  'plan.create': { type: PROCEDURE_RECORD, action: 'C' },
  'plan.update': { type: PROCEDURE_RECORD, action: 'U' },
  'plan.propose': { type: PROCEDURE_RECORD, action: 'U' },
  'plan.approve': { type: PROCEDURE_RECORD, action: 'U' },
  // Issue 18: a cone-beam CT analysed against a plan (the images read, nothing stored), and an analysis accepted into the record.
  'postProcedure.run': { type: PROCEDURE_RECORD, action: 'E' },
  'postProcedure.accept': { type: PROCEDURE_RECORD, action: 'C' },
  'study.accessed': { type: dcm('110103', 'DICOM Instances Accessed'), action: 'R' },
  // DICOM codes an export as a Read of the data that leaves the system.
  export: { type: dcm('110106', 'Export'), action: 'R' },
  // Data brought in from outside (a teaching case zip from another PercuPlan) creates records here.
  import: { type: dcm('110107', 'Import'), action: 'C' },
  'security.forbidden': { type: SECURITY_ALERT, subtype: dcm('110132', 'Use of Restricted Function'), action: 'E' },
  'account.change': { type: SECURITY_ALERT, subtype: dcm('110137', 'User Security Attributes Changed'), action: 'U' },
  'audit.read': { type: dcm('110101', 'Audit Log Used'), action: 'R' },
};

/** Whether `name` is one of the events (for query filters read from a URL). */
export function isAuditEventName(name: string): name is AuditEventName {
  return (AUDIT_EVENT_NAMES as readonly string[]).includes(name);
}

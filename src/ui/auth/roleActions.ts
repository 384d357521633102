import type { RoleName } from '../../api/auth';
import type { PlanStatus } from '../../records';

/**
 * What the UI offers an account, from its roles. The server is the guard on every route; this
 * only hides what would be refused, so the table follows the server's policy (a trainee edits
 * draft and proposed plans only, proposes but never approves; board and admin read; admin
 * alone manages accounts and reads the audit trail and sees no patient data unless also clinical).
 */
export interface VisibleActions {
  /** Studies, cases and plans are shown at all. */
  readonly patientData: boolean;
  /** Cases can be created and edited. */
  readonly editCase: boolean;
  /** Plans can be drawn and saved (on a plan whose status allows it, see {@link canEditPlan}). */
  readonly editPlan: boolean;
  readonly proposePlan: boolean;
  readonly approvePlan: boolean;
  /** The admin pages (accounts, audit trail). */
  readonly manageAccounts: boolean;
  readonly readAudit: boolean;
  /** A tumour board's decision can be recorded and followed through (`board.decide`: attendings). */
  readonly decideBoard: boolean;
  /** Comments can be added to a meeting's cases (`board.comment`: attendings and board accounts). */
  readonly commentBoard: boolean;
  /** DICOM carrying the patient can be downloaded or sent to the PACS (`export.identifiable`: attendings). */
  readonly exportIdentifiable: boolean;
  /** Teaching cases can be made, edited and published as exercises; every attempt read (`teaching.manage`: attendings). */
  readonly manageTeaching: boolean;
  /** Published teaching cases and exercises are shown, and exercises can be submitted (attendings and trainees). */
  readonly practise: boolean;
}

const CLINICAL: readonly RoleName[] = ['attending', 'trainee', 'board'];

/** The actions shown to an account holding `roles` (any role granting one suffices). */
export function visibleActions(roles: readonly RoleName[]): VisibleActions {
  const has = (r: RoleName) => roles.includes(r);
  const writer = has('attending') || has('trainee');
  return {
    patientData: roles.some((r) => CLINICAL.includes(r)),
    editCase: writer,
    editPlan: writer,
    proposePlan: writer,
    approvePlan: has('attending'),
    manageAccounts: has('admin'),
    readAudit: has('admin'),
    decideBoard: has('attending'),
    commentBoard: has('attending') || has('board'),
    exportIdentifiable: has('attending'),
    manageTeaching: has('attending'),
    practise: writer,
  };
}

const LOCKED: readonly PlanStatus[] = ['approved', 'performed'];

/**
 * Whether the plan's drawing and save are offered: a writer may edit a draft or proposed plan;
 * only an attending may edit an approved or performed one (the edit makes it a draft again).
 */
export function canEditPlan(roles: readonly RoleName[], status: PlanStatus | undefined): boolean {
  const v = visibleActions(roles);
  if (!v.editPlan) return false;
  return !status || !LOCKED.includes(status) || v.approvePlan;
}

/** A status change offered on a saved plan. */
export interface StatusStep {
  readonly to: PlanStatus;
  readonly label: string;
}

/**
 * The status changes offered on a saved plan: draft → proposed (attending, trainee), proposed →
 * approved (attending), approved → performed (attending), and a proposed plan back to draft.
 */
export function statusSteps(roles: readonly RoleName[], status: PlanStatus): StatusStep[] {
  const v = visibleActions(roles);
  switch (status) {
    case 'draft':
      return v.proposePlan ? [{ to: 'proposed', label: 'Propose' }] : [];
    case 'proposed':
      return [...(v.approvePlan ? [{ to: 'approved' as const, label: 'Approve' }] : []), ...(v.proposePlan ? [{ to: 'draft' as const, label: 'Back to draft' }] : [])];
    case 'approved':
      return v.approvePlan ? [{ to: 'performed', label: 'Mark performed' }] : [];
    case 'performed':
      return [];
  }
}

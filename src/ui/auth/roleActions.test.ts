import { describe, expect, it } from 'vitest';
import { canEditPlan, statusSteps, visibleActions } from './roleActions';

// The table is the issue's: attending everything clinical, trainee drafts and proposes,
// board reads, admin manages accounts and the audit trail and sees no patient data.

describe('visibleActions', () => {
  it('follows the role table', () => {
    const row = (v: ReturnType<typeof visibleActions>) => [v.patientData, v.editCase, v.editPlan, v.proposePlan, v.approvePlan, v.manageAccounts, v.readAudit];
    //                                                 patient edCase edPlan propose approve accounts audit
    expect(row(visibleActions(['attending']))).toEqual([true, true, true, true, true, false, false]);
    expect(row(visibleActions(['trainee']))).toEqual([true, true, true, true, false, false, false]);
    expect(row(visibleActions(['board']))).toEqual([true, false, false, false, false, false, false]);
    expect(row(visibleActions(['admin']))).toEqual([false, false, false, false, false, true, true]);
    expect(row(visibleActions([]))).toEqual([false, false, false, false, false, false, false]);
    // Roles add up: the single-user workstation is attending + admin.
    expect(row(visibleActions(['attending', 'admin']))).toEqual([true, true, true, true, true, true, true]);
    expect(row(visibleActions(['board', 'trainee']))).toEqual([true, true, true, true, false, false, false]);
  });
});

describe('visibleActions.decideBoard', () => {
  it('offers recording board decisions to attendings only (the policy\'s board.decide)', () => {
    expect((['attending', 'trainee', 'board', 'admin'] as const).map((r) => visibleActions([r]).decideBoard)).toEqual([true, false, false, false]);
    expect(visibleActions(['attending', 'admin']).decideBoard).toBe(true);
  });
});

describe('visibleActions.commentBoard', () => {
  it('offers board comments to attendings and board accounts (the policy\'s board.comment), not to trainees or admins', () => {
    expect((['attending', 'trainee', 'board', 'admin'] as const).map((r) => visibleActions([r]).commentBoard)).toEqual([true, false, true, false]);
  });
});

describe('canEditPlan', () => {
  it('lets a trainee edit only draft and proposed plans, an attending any, board and admin none', () => {
    expect(['draft', 'proposed', 'approved', 'performed', undefined].map((s) => canEditPlan(['trainee'], s as never))).toEqual([true, true, false, false, true]);
    expect(['draft', 'approved', 'performed'].map((s) => canEditPlan(['attending'], s as never))).toEqual([true, true, true]);
    expect(canEditPlan(['board'], 'draft')).toBe(false);
    expect(canEditPlan(['admin'], undefined)).toBe(false);
  });
});

describe('statusSteps', () => {
  const to = (roles: Parameters<typeof statusSteps>[0], s: Parameters<typeof statusSteps>[1]) => statusSteps(roles, s).map((x) => x.to);
  it('offers approve only to attendings', () => {
    expect(to(['attending'], 'proposed')).toEqual(['approved', 'draft']);
    expect(to(['trainee'], 'proposed')).toEqual(['draft']);
    expect(to(['board'], 'proposed')).toEqual([]);
    expect(to(['admin'], 'proposed')).toEqual([]);
  });
  it('walks draft → proposed → approved → performed', () => {
    expect(to(['trainee'], 'draft')).toEqual(['proposed']);
    expect(to(['attending'], 'draft')).toEqual(['proposed']);
    expect(to(['attending'], 'approved')).toEqual(['performed']);
    expect(to(['trainee'], 'approved')).toEqual([]);
    expect(to(['attending'], 'performed')).toEqual([]);
  });
});

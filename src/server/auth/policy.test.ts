import { describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action } from './policy';
import { ROLES, type Role } from './roles';

/**
 * The role × action table written out by hand from the contract (not derived from the
 * policy's own grants): Y = allowed, - = refused. Columns in the order of `cols`.
 */
const cols: Action[] = [
  'case.read',
  'case.write',
  'plan.read',
  'plan.write',
  'plan.propose',
  'plan.approve',
  'study.read',
  'export.identifiable',
  'export.deidentified',
  'board.comment',
  'board.decide',
  'teaching.manage',
  'teaching.read',
  'exercise.submit',
  'accounts.manage',
  'audit.read',
];
const table: Record<Role, string> = {
  //           cr cw pr pw pp pa sr ei ed bc bd tm tr es am ar
  attending: ' Y  Y  Y  Y  Y  Y  Y  Y  Y  Y  Y  Y  Y  Y  -  - ',
  trainee: '   Y  Y  Y  Y  Y  -  Y  -  Y  -  -  -  Y  Y  -  - ',
  board: '     Y  -  Y  -  -  -  Y  -  -  Y  -  -  -  -  -  - ',
  admin: '     -  -  -  -  -  -  -  -  -  -  -  -  -  -  Y  Y ',
};

describe('policy: the whole role × action table', () => {
  it('the table names every action exactly once', () => {
    expect([...cols].sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    const marks = table[role].trim().split(/\s+/);
    it(`${role} has one mark per action`, () => expect(marks).toHaveLength(cols.length));
    cols.forEach((action, i) => {
      const expected = marks[i] === 'Y';
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can([role], action)).toBe(expected);
      });
    });
  }

  it('no roles may do nothing', () => {
    for (const action of cols) expect(can([], action)).toBe(false);
  });

  it('roles combine: admin + attending may read a case and manage accounts', () => {
    expect(can(['admin', 'attending'], 'case.read')).toBe(true);
    expect(can(['admin', 'attending'], 'accounts.manage')).toBe(true);
    expect(can(['admin', 'board'], 'case.write')).toBe(false);
  });

  it('an unknown role smuggled in at run time grants nothing', () => {
    expect(can(['root' as Role], 'case.read')).toBe(false);
  });
});

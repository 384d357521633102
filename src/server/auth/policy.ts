import type { Role } from './roles';

/** Everything a route may need permission for; each route declares one. */
export const ACTIONS = [
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
] as const;

/** One permission a route asks for. */
export type Action = (typeof ACTIONS)[number];

/**
 * What each role may do. A trainee's `plan.write` covers draft and proposed plans only; the plan
 * rules refuse the rest (a stored approved/performed plan, or setting either status), because that
 * depends on the plan, not on the role alone. `teaching.manage` (make teaching cases, publish
 * exercises, read every attempt) is the attendings'; trainees read published teaching cases and
 * submit exercises (`teaching.read`, `exercise.submit`).
 */
const GRANTS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  attending: new Set<Action>([
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
  ]),
  trainee: new Set<Action>(['case.read', 'case.write', 'plan.read', 'plan.write', 'plan.propose', 'study.read', 'export.deidentified', 'teaching.read', 'exercise.submit']),
  board: new Set<Action>(['case.read', 'plan.read', 'study.read', 'board.comment']),
  // An administrator sees no patient data unless the account also holds a clinical role.
  admin: new Set<Action>(['accounts.manage', 'audit.read']),
};

/** Whether an account holding `roles` may do `action` (any one role granting it suffices). */
export function can(roles: readonly Role[], action: Action): boolean {
  return roles.some((role) => GRANTS[role]?.has(action) ?? false);
}

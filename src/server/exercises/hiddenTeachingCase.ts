import type { Actor } from '../auth/actor';
import { can } from '../auth/policy';
import type { SqlExecutor } from '../records/sqlClient';

/** Whether a teaching case must be kept from an account, because an exercise hides its diagnosis. */
export type HiddenTeachingCase = (teachingCaseId: string, actor: Pick<Actor, 'username' | 'roles'>) => Promise<boolean>;

/**
 * For the teaching routes (GET /api/teaching/:id, the list, the export): a trainee must not
 * reach, through the teaching case, the diagnosis and expert plan an unknown exercise hides.
 * True when the account does not teach (`teaching.manage`) and the case has an open exercise
 * in unknown mode that this account has not submitted to yet (after a submission the reveal
 * shows it all anyway).
 */
export function hiddenByOpenUnknownExercise(db: SqlExecutor): HiddenTeachingCase {
  return async (teachingCaseId, actor) => {
    if (can(actor.roles, 'teaching.manage')) return false;
    const rows = await db.query(
      `SELECT 1 FROM exercises e
        WHERE e.teaching_case_id = $1 AND e.mode = 'unknown' AND e.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM exercise_submissions s WHERE s.exercise_id = e.id AND s.account = $2)
        LIMIT 1`,
      [teachingCaseId, actor.username],
    );
    return rows.length > 0;
  };
}

import type { SqlExecutor } from '../records/sqlClient';

/**
 * How many exercises (open or closed) use a teaching case: for the teaching list's `exercises`
 * column (TeachingParts.exerciseCount).
 */
export function exerciseCountOf(db: SqlExecutor): (teachingCaseId: string) => Promise<number> {
  return async (teachingCaseId) => {
    const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM exercises WHERE teaching_case_id = $1', [teachingCaseId]);
    return Number(row?.n ?? 0);
  };
}

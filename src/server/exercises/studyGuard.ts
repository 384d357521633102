import type { Actor } from '../auth/actor';
import { can } from '../auth/policy';
import type { SqlExecutor } from '../records/sqlClient';
import type { TeachingFileStore, TeachingRepository } from '../teaching/teachingParts';

/** What an account may not see of the studies the server keeps: whole series, and their files. */
export interface StudyGuard {
  /** Series the account must not see (listings leave them out, their instances answer 404). */
  hiddenSeries(actor: Pick<Actor, 'username' | 'roles'>): Promise<ReadonlySet<string>>;
  /** SOP Instance UIDs the account must not fetch (the files of those series). */
  hiddenInstances(actor: Pick<Actor, 'username' | 'roles'>): Promise<ReadonlySet<string>>;
}

interface Hidden {
  readonly series: ReadonlySet<string>;
  readonly instances: ReadonlySet<string>;
}

const NONE: Hidden = { series: new Set(), instances: new Set() };

/**
 * An unknown exercise hides the expert plan and the outcome, but the teaching case keeps, beside
 * the CT to plan on, the plan's own SEG and SR and any later series (a post-procedure CT): a
 * trainee could open them from the study's series list. So, for an account without
 * `teaching.manage`, every series of the teaching case except the one the exercise plans on is
 * hidden while that account has an open unknown exercise on the case it has not submitted to.
 * After the first submission the reveal shows it all anyway. Teachers see everything.
 */
export function studyGuardFor(db: SqlExecutor, teaching: Pick<TeachingRepository, 'get'>, files: Pick<TeachingFileStore, 'files'>): StudyGuard {
  // Teaching files and studies never change after a teaching case is made: cache per case and expert plan.
  const cache = new Map<string, Promise<Hidden>>();

  const hiddenOf = (teachingCaseId: string, expertPlanId: string): Promise<Hidden> => {
    const key = `${teachingCaseId}|${expertPlanId}`;
    let found = cache.get(key);
    if (!found) {
      found = (async () => {
        const doc = await teaching.get(teachingCaseId);
        if (!doc) return NONE;
        const planSeries = doc.plans.find((p) => p.id === expertPlanId)?.plan.seriesInstanceUID;
        const series = new Set(doc.studies.flatMap((s) => s.series.map((x) => x.seriesInstanceUID)).filter((uid) => uid !== planSeries));
        const instances = new Set((await files.files(teachingCaseId)).filter((f) => series.has(f.seriesInstanceUID)).map((f) => f.sopInstanceUID));
        return { series, instances };
      })();
      cache.set(key, found);
      found.catch(() => cache.delete(key));
    }
    return found;
  };

  const hiddenFor = async (actor: Pick<Actor, 'username' | 'roles'>): Promise<Hidden> => {
    if (can(actor.roles, 'teaching.manage') || !can(actor.roles, 'study.read')) return NONE;
    const rows = await db.query<{ teaching_case_id: string; expert_plan_id: string }>(
      `SELECT e.teaching_case_id, e.expert_plan_id FROM exercises e
        WHERE e.mode = 'unknown' AND e.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM exercise_submissions s WHERE s.exercise_id = e.id AND s.account = $1)`,
      [actor.username],
    );
    if (rows.length === 0) return NONE;
    const parts = await Promise.all(rows.map((r) => hiddenOf(String(r.teaching_case_id), String(r.expert_plan_id))));
    if (parts.length === 1) return parts[0] ?? NONE;
    return { series: new Set(parts.flatMap((p) => [...p.series])), instances: new Set(parts.flatMap((p) => [...p.instances])) };
  };

  return {
    hiddenSeries: async (actor) => (await hiddenFor(actor)).series,
    hiddenInstances: async (actor) => (await hiddenFor(actor)).instances,
  };
}

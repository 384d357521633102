import type { Actor } from '../auth/actor';
import type { AuditTrail } from '../auth/auditTrail';

/** How many (session, study) pairs are remembered before the oldest are forgotten (then recorded again). */
const REMEMBERED = 50_000;

/**
 * Records `study.accessed` the first time a session reaches a study (through the proxy,
 * /api/studies/:uid or its series), not for every frame: a viewer fetches hundreds per study.
 * In single-user mode, where there is no session, the first access per user is recorded.
 */
export function studyAccessLog(audit: AuditTrail | undefined): (actor: Actor, study: string) => Promise<void> {
  const seen = new Set<string>();
  return async (actor, study) => {
    if (!audit) return;
    const key = `${actor.sessionHash ?? `user:${actor.username}`}|${study}`;
    if (seen.has(key)) return;
    if (seen.size >= REMEMBERED) seen.delete(seen.values().next().value as string);
    seen.add(key);
    await audit.record({ event: 'study.accessed', actor, studyUids: [study] });
  };
}

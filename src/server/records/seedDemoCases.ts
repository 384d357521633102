import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { caseContentSchema, deriveCase, planContentSchema, type LinkedStudy } from '../../records';
import { loadDemoPlan } from '../demo/loadDemoPlan';
import { DEMO_CASE_KEYS, type DemoCaseKey } from '../demo/demoPlans';
import { processPlanContent, type ProcessContext } from '../planning/processPlanContent';
import { DEMO_CASES } from './demoCases';
import type { RecordsRepository } from './recordsRepository';

/** The user the demo content is attributed to. */
export const DEMO_ACTOR = 'percuplan-demo';

async function studyUidOf(sampleDir: string, key: string): Promise<string | undefined> {
  try {
    const truth = JSON.parse(await readFile(path.join(sampleDir, key, 'truth.json'), 'utf8')) as { studyInstanceUID?: unknown };
    return typeof truth.studyInstanceUID === 'string' ? truth.studyInstanceUID : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The demo plan of one reference case: built on its sample CT by the product's own tools
 * (src/server/demo/), then validated and recomputed exactly as a save through the API is, and
 * stored under the case. A study that cannot be read leaves the case without its plan, and
 * says why.
 */
async function seedDemoPlan(repo: RecordsRepository, caseId: string, key: DemoCaseKey, sampleDir: string, ctx: ProcessContext, log: (m: string) => void): Promise<boolean> {
  const t0 = performance.now();
  const built = await loadDemoPlan(sampleDir, key, ctx.catalogue);
  if (!built.ok) {
    log(`[records] demo plan of ${key} not created: ${built.error}`);
    return false;
  }
  const processed = await processPlanContent(planContentSchema.parse(built.value), ctx);
  if (!processed.ok) {
    log(`[records] demo plan of ${key} not created: ${processed.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    return false;
  }
  const saved = await repo.createPlan(caseId, processed.value, DEMO_ACTOR);
  if (saved.kind !== 'saved') {
    log(`[records] demo plan of ${key} not stored (${saved.kind})`);
    return false;
  }
  log(`[records] demo plan of ${key} created in ${Math.round(performance.now() - t0)} ms`);
  return true;
}

/**
 * On a database that has never held a case, creates the three reference cases, linked to the
 * sample studies by the StudyInstanceUIDs in the generator's truth files, and (given a plan
 * context) their demo plans. A missing truth file leaves that link out and says so; the cases
 * are created regardless.
 */
export async function seedDemoCases(repo: RecordsRepository, sampleDir: string, log: (m: string) => void = console.log, planContext?: ProcessContext): Promise<number> {
  if (!(await repo.isEmpty())) return 0;
  for (const demo of DEMO_CASES) {
    const linkedStudies: Partial<LinkedStudy>[] = [];
    for (const s of demo.studies) {
      const uid = await studyUidOf(sampleDir, s.key);
      if (uid) linkedStudies.push({ studyInstanceUID: uid, source: 'embedded', role: s.role, description: s.description });
      else log(`[records] demo case "${demo.record.patient.pseudonym}": no ${path.join(sampleDir, s.key, 'truth.json')}, created without its link to ${s.key}`);
    }
    const content = caseContentSchema.parse({ ...demo.record, linkedStudies });
    const created = await repo.createCase(deriveCase(content, randomUUID), DEMO_ACTOR);
    const planning = demo.studies.find((s) => s.role === 'planning' && (DEMO_CASE_KEYS as readonly string[]).includes(s.key));
    if (planContext && planning && linkedStudies.length > 0) {
      await seedDemoPlan(repo, created.id, planning.key as DemoCaseKey, sampleDir, planContext, log);
    }
  }
  log(`[records] created the ${DEMO_CASES.length} reference cases as demo content`);
  return DEMO_CASES.length;
}

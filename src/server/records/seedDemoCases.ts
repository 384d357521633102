import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { caseContentSchema, deriveCase, type LinkedStudy } from '../../records';
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
 * On a database that has never held a case, creates the three reference cases, linked to the
 * sample studies by the StudyInstanceUIDs in the generator's truth files. A missing truth file
 * leaves that link out and says so; the cases are created regardless.
 */
export async function seedDemoCases(repo: RecordsRepository, sampleDir: string, log: (m: string) => void = console.log): Promise<number> {
  if (!(await repo.isEmpty())) return 0;
  for (const demo of DEMO_CASES) {
    const linkedStudies: Partial<LinkedStudy>[] = [];
    for (const s of demo.studies) {
      const uid = await studyUidOf(sampleDir, s.key);
      if (uid) linkedStudies.push({ studyInstanceUID: uid, source: 'embedded', role: s.role, description: s.description });
      else log(`[records] demo case "${demo.record.patient.pseudonym}": no ${path.join(sampleDir, s.key, 'truth.json')}, created without its link to ${s.key}`);
    }
    const content = caseContentSchema.parse({ ...demo.record, linkedStudies });
    await repo.createCase(deriveCase(content, randomUUID), DEMO_ACTOR);
  }
  log(`[records] created the ${DEMO_CASES.length} reference cases as demo content`);
  return DEMO_CASES.length;
}

import type { CaseContent } from './caseRecord';
import type { FieldIssue } from './validationIssues';

const duplicates = (values: readonly (string | undefined)[]): number[] => {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((v, i) => {
    if (v === undefined) return;
    if (seen.has(v)) out.push(i);
    seen.add(v);
  });
  return out;
};

/**
 * Checks across fields that a schema of single fields cannot: ids unique within the case,
 * a study linked once, and a follow-up that says "off opioids" while listing an opioid.
 */
export function caseConsistencyIssues(c: CaseContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const i of duplicates(c.lesions.map((l) => l.id))) issues.push({ path: `lesions[${i}].id`, message: 'Another lesion has this id' });
  for (const i of duplicates(c.followUps.map((f) => f.id))) issues.push({ path: `followUps[${i}].id`, message: 'Another follow-up has this id' });
  for (const i of duplicates(c.linkedStudies.map((s) => s.studyInstanceUID))) {
    issues.push({ path: `linkedStudies[${i}].studyInstanceUID`, message: 'This study is already linked' });
  }
  c.followUps.forEach((f, i) => {
    if (f.opioidFree === true && f.analgesics.entries.some((e) => e.opioid !== null && (e.dailyDose ?? 0) > 0)) {
      issues.push({ path: `followUps[${i}].opioidFree`, message: 'Marked off opioids, but an opioid dose is listed' });
    }
  });
  return issues;
}

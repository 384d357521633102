import { CASE_SECTIONS, type CaseContent } from '../../records';
import { problem, type Reply } from '../records/apiProblem';
import { outcomeReply } from '../records/documentReply';
import { pick } from '../records/parseInput';
import type { RecordsRepository } from '../records/recordsRepository';

/**
 * Writes a board decision (or its follow-through) into the case record as a new case version,
 * through the records repository, so the case's history shows it under the account that
 * recorded it. The change is applied to the case as stored now; when someone saves the case in
 * between (a version conflict), it is applied once more to the newer version, and a second
 * conflict is answered as such. Answers the case version written.
 */
export async function writeCaseDecision(
  cases: RecordsRepository,
  caseId: string,
  apply: (content: CaseContent) => CaseContent,
  actor: string,
): Promise<{ ok: true; id: string; version: number } | { ok: false; reply: Reply }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = await cases.getCase(caseId);
    if (!found) return { ok: false, reply: problem(404, 'not-found', `No case ${caseId}`) };
    const doc = found.document;
    const outcome = await cases.updateCase(caseId, doc.version, apply(pick(doc, CASE_SECTIONS)), actor);
    if (outcome.kind === 'saved' || outcome.kind === 'unchanged') return { ok: true, id: caseId, version: outcome.value.version };
    if (outcome.kind !== 'conflict') return { ok: false, reply: outcomeReply(outcome) };
  }
  return { ok: false, reply: problem(409, 'version-conflict', `Case ${caseId} kept changing while the decision was written into it; send the decision again`) };
}

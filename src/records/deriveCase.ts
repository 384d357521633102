import type { CaseContent } from './caseRecord';
import { refreshMme } from './mme';
import { scoreLesion } from './scoreLesion';

/**
 * Fills in everything of a case that is computed rather than entered: each lesion's score
 * results from their components, and the MME of every analgesic regimen (kept when still
 * valid, see refreshMme). Lesions and follow-ups without an id get one from `newId`, so that
 * forms and change summaries can follow them. The browser runs it to show scores as the user
 * types; the server runs it on every save, so stored results always match their components.
 */
export function deriveCase(content: CaseContent, newId: () => string): CaseContent {
  return {
    ...content,
    analgesics: { ...content.analgesics, mme: refreshMme(content.analgesics.entries, content.analgesics.mme) },
    lesions: content.lesions.map((l) => ({ ...l, id: l.id ?? newId(), scores: scoreLesion(l.scores) })),
    followUps: content.followUps.map((f) => ({
      ...f,
      id: f.id ?? newId(),
      analgesics: { ...f.analgesics, mme: refreshMme(f.analgesics.entries, f.analgesics.mme) },
    })),
  };
}

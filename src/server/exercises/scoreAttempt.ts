import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import { scoreSubmission } from '../../planning/exercise/scoreSubmission';
import type { SubmissionScore } from '../../planning/exercise/submissionScore';
import type { FieldIssue, PlanContent } from '../../records';
import type { ExerciseTarget } from '../../records/exerciseView';
import { err, ok, type Result } from '../../shared/result';
import type { VolumeLookup } from '../planning/seriesVolumes';

/** What scoring needs from the server: the device catalogue and the CT of a series. */
export interface ScoringParts {
  readonly catalogue: DeviceCatalogue;
  /** The planning CT (a teaching series is served through the catalogue); undefined when not held. */
  readonly volumeFor: VolumeLookup;
}

/** "trainee.content.trajectories[0].deviceId: no device …" → the field and the message. */
function issueOf(text: string): FieldIssue {
  const at = text.indexOf(': ');
  return at < 0 ? { path: 'content', message: text } : { path: text.slice(0, at), message: text.slice(at + 2) };
}

/**
 * Scores a trainee's content against the expert plan on the exercise's series: the trainee's
 * needles are placed in the exercise's frame of reference, the expert's anatomy measured on the
 * CT's grid (with its Hounsfield values and Patient Position) when the server can read the
 * series, else on the grid of the expert's stored masks (scoreSubmission says what it could not
 * measure in `notes`). A content the scorer refuses comes back as issues naming the field.
 */
export async function scoreAttempt(
  parts: ScoringParts,
  target: ExerciseTarget,
  expert: PlanContent,
  input: { readonly content: Record<string, unknown>; readonly effort: { readonly planningTimeS: number | null; readonly edits: number | null } },
): Promise<Result<SubmissionScore, FieldIssue[]>> {
  const notes: string[] = [];
  const ct = await parts.volumeFor(target.seriesInstanceUID, { studyInstanceUID: target.studyInstanceUID, warn: (m) => notes.push(m) });
  const scored = scoreSubmission(
    { seriesInstanceUID: target.seriesInstanceUID, frameOfReferenceUID: target.frameOfReferenceUID, content: input.content },
    { seriesInstanceUID: expert.seriesInstanceUID, frameOfReferenceUID: expert.frameOfReferenceUID, content: expert.content },
    {
      catalogue: parts.catalogue,
      geometry: ct?.volume ?? null,
      ct: ct?.volume ?? null,
      patientPosition: ct?.patientPosition ?? null,
      effort: input.effort,
    },
  );
  if (!scored.ok) return err(scored.error.map(issueOf));
  // Why the CT was not used, when the server could have read it: the score says so, as it does for everything else it could not measure.
  return ok(notes.length ? { ...scored.value, notes: [...scored.value.notes, ...notes.map((n) => n.slice(0, 500))] } : scored.value);
}

import { NoticePage } from '../auth/NoticePage';

/** Placeholder until the page lands (issue 15). */
export function ExerciseAttemptsPage({ id }: { id: string }) {
  return <NoticePage title="Attempts">Coming in this release ({id}).</NoticePage>;
}

import { NoticePage } from '../auth/NoticePage';

/** Placeholder until the page lands (issue 15). */
export function ExercisePage({ id }: { id: string }) {
  return <NoticePage title="Exercise">Coming in this release ({id}).</NoticePage>;
}

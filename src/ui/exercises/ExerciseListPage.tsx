import { NoticePage } from '../auth/NoticePage';

/** Placeholder until the page lands (issue 15). */
export function ExerciseListPage() {
  return <NoticePage title="Exercises">Coming in this release.</NoticePage>;
}

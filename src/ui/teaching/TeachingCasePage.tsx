import { NoticePage } from '../auth/NoticePage';

/** Placeholder until the page lands (issue 15). */
export function TeachingCasePage({ id }: { id: string }) {
  return <NoticePage title="Teaching case">Coming in this release ({id}).</NoticePage>;
}

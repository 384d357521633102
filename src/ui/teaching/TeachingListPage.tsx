import { NoticePage } from '../auth/NoticePage';

/** Placeholder until the page lands (issue 15). */
export function TeachingListPage() {
  return <NoticePage title="Teaching cases">Coming in this release.</NoticePage>;
}

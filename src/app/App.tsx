import { usePathname } from '../ui/useNavigation';
import { WorklistPage } from '../ui/WorklistPage';
import { StudyPage } from '../ui/StudyPage';
import { CaseListPage } from '../ui/cases/CaseListPage';
import { CasePage } from '../ui/cases/CasePage';

/** Routes: `/` the worklist, `/studies/<StudyInstanceUID>` a study (deep link), `/cases` and `/cases/<id>` the case records. */
export function App() {
  const path = usePathname();
  const m = /^\/studies\/([0-9.]+)\/?$/.exec(path);
  if (m?.[1]) return <StudyPage key={m[1]} studyUID={m[1]} />;
  if (path === '/cases' || path === '/cases/') return <CaseListPage />;
  const c = /^\/cases\/([0-9a-f-]{36})\/?$/.exec(path);
  if (c?.[1]) return <CasePage key={c[1]} caseId={c[1]} />;
  return <WorklistPage />;
}

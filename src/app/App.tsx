import { usePathname } from '../ui/useNavigation';
import { WorklistPage } from '../ui/WorklistPage';
import { StudyPage } from '../ui/StudyPage';

/** Routes: `/` the worklist, `/studies/<StudyInstanceUID>` a study (deep link). */
export function App() {
  const path = usePathname();
  const m = /^\/studies\/([0-9.]+)\/?$/.exec(path);
  if (m?.[1]) return <StudyPage key={m[1]} studyUID={m[1]} />;
  return <WorklistPage />;
}

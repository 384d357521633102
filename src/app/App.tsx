import { useEffect, useState } from 'react';
import { navigate, usePathname } from '../ui/useNavigation';
import { WorklistPage } from '../ui/WorklistPage';
import { StudyPage } from '../ui/StudyPage';
import { CaseListPage } from '../ui/cases/CaseListPage';
import { CasePage } from '../ui/cases/CasePage';
import { BoardListPage } from '../ui/boards/BoardListPage';
import { BoardPage } from '../ui/boards/BoardPage';
import { PresenterPage } from '../ui/boards/present/PresenterPage';
import { useAuth } from '../ui/auth/authStore';
import { visibleActions } from '../ui/auth/roleActions';
import { SignInPage } from '../ui/auth/SignInPage';
import { SessionExpiredDialog } from '../ui/auth/SessionExpiredDialog';
import { NoticePage } from '../ui/auth/NoticePage';
import { AccountsPage } from '../ui/admin/AccountsPage';
import { AuditPage } from '../ui/admin/AuditPage';
import { safeReturnPath } from '../ui/auth/returnPath';
import { PlanReportPage } from '../ui/report/PlanReportPage';
import { BoardReportPage } from '../ui/boards/report/BoardReportPage';
import { versionParam } from '../ui/report/loadPlanReport';
import { TeachingListPage } from '../ui/teaching/TeachingListPage';
import { TeachingCasePage } from '../ui/teaching/TeachingCasePage';
import { ExerciseListPage } from '../ui/exercises/ExerciseListPage';
import { ExercisePage } from '../ui/exercises/ExercisePage';
import { ExerciseAttemptsPage } from '../ui/exercises/ExerciseAttemptsPage';

/**
 * Routes: `/` the worklist, `/studies/<StudyInstanceUID>` a study (deep link), `/cases` and
 * `/cases/<id>` the case records, `/boards` and `/boards/<id>` the tumour board meetings, `/teaching` and `/teaching/<id>` the
 * teaching cases, `/exercises`, `/exercises/<id>` and `/exercises/<id>/attempts` the planning exercises, `/admin/accounts` and `/admin/audit` for administrators,
 * `/login` while nobody is signed in. A session that ends during use puts a sign-in dialog over
 * the page, which stays mounted so no edit is lost.
 */
export function App() {
  const auth = useAuth();
  const path = usePathname();
  if (auth.status === 'loading') return <div className="page" />;
  if (auth.status === 'signed-out') return <SignInRoute oidc={auth.oidc} path={path} />;
  return (
    <>
      <Routes path={path} roles={auth.user.roles} />
      {auth.expired && <SessionExpiredDialog username={auth.user.username} oidc={auth.oidc} />}
    </>
  );
}

function Routes({ path, roles }: { path: string; roles: Parameters<typeof visibleActions>[0] }) {
  const v = visibleActions(roles);
  if (path === '/login') return <Redirect to={safeReturnPath(new URLSearchParams(location.search).get('returnTo'))} />;
  if (path === '/signed-in') return <NoticePage title="Signed in">You are signed in: close this tab and go back to your work.</NoticePage>;
  if (path.startsWith('/admin/')) {
    if (path === '/admin/accounts' && v.manageAccounts) return <AccountsPage />;
    if (path === '/admin/audit' && v.readAudit) return <AuditPage />;
    return <NoticePage title="Not available">This page is for administrators.</NoticePage>;
  }
  // An administrator without a clinical role sees no patient data: the admin pages instead.
  if (!v.patientData) {
    if (path === '/' && v.manageAccounts) return <AccountsPage />;
    return <NoticePage title="Not available">Your account has no access to patient data.</NoticePage>;
  }
  const m = /^\/studies\/([0-9.]+)\/?$/.exec(path);
  if (m?.[1]) return <StudyPage key={m[1]} studyUID={m[1]} />;
  if (path === '/cases' || path === '/cases/') return <CaseListPage />;
  const c = /^\/cases\/([0-9a-f-]{36})\/?$/.exec(path);
  if (c?.[1]) return <CasePage key={c[1]} caseId={c[1]} />;
  if (path === '/boards' || path === '/boards/') return <BoardListPage />;
  const b = /^\/boards\/([0-9a-f-]{36})\/?$/.exec(path);
  if (b?.[1]) return <BoardPage key={b[1]} boardId={b[1]} />;
  const bp = /^\/boards\/([0-9a-f-]{36})\/present\/?$/.exec(path);
  if (bp?.[1]) return <PresenterPage key={bp[1]} boardId={bp[1]} />;
  const br = /^\/boards\/([0-9a-f-]{36})\/report\/?$/.exec(path);
  if (br?.[1]) return <BoardReportPage key={br[1]} boardId={br[1]} />;
  if (path === '/teaching' || path === '/teaching/') return <TeachingListPage />;
  const t = /^\/teaching\/([0-9a-f-]{36})\/?$/.exec(path);
  if (t?.[1]) return <TeachingCasePage key={t[1]} id={t[1]} />;
  if (path === '/exercises' || path === '/exercises/') return <ExerciseListPage />;
  const e = /^\/exercises\/([0-9a-f-]{36})\/?$/.exec(path);
  if (e?.[1]) return <ExercisePage key={e[1]} id={e[1]} />;
  const ea = /^\/exercises\/([0-9a-f-]{36})\/attempts\/?$/.exec(path);
  if (ea?.[1]) return <ExerciseAttemptsPage key={ea[1]} id={ea[1]} />;
  const r = /^\/plans\/([^/]+)\/report\/?$/.exec(path);
  if (r?.[1]) return <PlanReportPage key={r[1] + location.search} planId={r[1]} version={versionParam(location.search)} />;
  return <WorklistPage />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to), [to]);
  return <div className="page" />;
}

/** The sign-in page at /login, remembering where the user was going. */
function SignInRoute({ oidc, path }: { oidc: boolean; path: string }) {
  const [returnTo] = useState(() => (path === '/login' ? safeReturnPath(new URLSearchParams(location.search).get('returnTo')) : safeReturnPath(path + location.search)));
  useEffect(() => {
    if (location.pathname !== '/login') history.replaceState(null, '', `/login?returnTo=${encodeURIComponent(returnTo)}`);
  }, [returnTo]);
  return <SignInPage oidc={oidc} returnTo={returnTo} onSignedIn={() => navigate(returnTo)} />;
}

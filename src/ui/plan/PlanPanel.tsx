import type { PlanWorkspace } from './usePlanWorkspace';
import { PlanSaveBar } from './PlanSaveBar';
import { PlanDicomActions } from './PlanDicomActions';
import { PlanEditorSections } from './PlanEditorSections';
import { useRoles } from '../auth/authStore';
import { canEditPlan } from '../auth/roleActions';
import { PlanReportLink } from '../report/PlanReportLink';
import { useDefaultDevice } from './useDefaultDevice';
import type { ViewerSession } from '../../imaging';
import { PostProcedureSection } from './postprocedure/PostProcedureSection';

/** The planning panel: saving, tools, the plan's lesions, structures at risk and trajectories with their measurements. */
export function PlanPanel({ ws, session, onNeedleViews }: { ws: PlanWorkspace; session?: ViewerSession; onNeedleViews: () => void }) {
  // Board and admin read plans; a trainee reads approved ones. The server refuses the rest anyway.
  const editable = canEditPlan(useRoles(), ws.current?.status);
  // New needles start as the device the case's decision calls for.
  useDefaultDevice(ws.bridge, ws.cases, ws.current);
  return (
    <aside className="plan-panel" data-testid="plan-panel" data-readonly={editable ? undefined : 'true'}>
      <PlanSaveBar ws={ws} editable={editable} />
      <PlanDicomActions ws={ws} />
      <PlanReportLink doc={ws.current} />
      <PlanEditorSections ws={ws} editable={editable} onNeedleViews={onNeedleViews} />
      <PostProcedureSection ws={ws} session={session} />
    </aside>
  );
}

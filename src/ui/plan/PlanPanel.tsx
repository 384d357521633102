import { useState } from 'react';
import type { PlanWorkspace } from './usePlanWorkspace';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { DeviceCatalogueDialog } from './DeviceCatalogueDialog';
import { PlanSaveBar } from './PlanSaveBar';
import { PlanDicomActions } from './PlanDicomActions';
import { ToolOptions } from './ToolOptions';
import { LesionsSection } from './LesionsSection';
import { StructuresSection } from './StructuresSection';
import { TrajectoriesSection } from './TrajectoriesSection';
import { ZoneMetrics } from './ZoneMetrics';
import { useRoles } from '../auth/authStore';
import { canEditPlan } from '../auth/roleActions';
import { PlanReportLink } from '../report/PlanReportLink';

/** The planning panel: saving, tools, the plan's lesions, structures at risk and trajectories with their measurements. */
export function PlanPanel({ ws, onNeedleViews }: { ws: PlanWorkspace; onNeedleViews: () => void }) {
  const [showCatalogue, setShowCatalogue] = useState(false);
  const sel = ws.plan.selection;
  // Board and admin read plans; a trainee reads approved ones. The server refuses the rest anyway.
  const editable = canEditPlan(useRoles(), ws.current?.status);
  return (
    <aside className="plan-panel" data-testid="plan-panel" data-readonly={editable ? undefined : 'true'}>
      <PlanSaveBar ws={ws} editable={editable} />
      <PlanDicomActions ws={ws} />
      <PlanReportLink doc={ws.current} />
      {editable && <ToolOptions bridge={ws.bridge} bridgeState={ws.bridgeState} canNeedleViews={sel?.kind === 'trajectory'} onNeedleViews={onNeedleViews} onCatalogue={() => setShowCatalogue(true)} />}
      <LesionsSection ws={ws} />
      <StructuresSection ws={ws} />
      <TrajectoriesSection ws={ws} />
      <ZoneMetrics ws={ws} />
      {showCatalogue && <DeviceCatalogueDialog catalogue={defaultCatalogue()} onClose={() => setShowCatalogue(false)} />}
    </aside>
  );
}

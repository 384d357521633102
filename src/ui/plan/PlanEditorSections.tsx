import { useState } from 'react';
import type { PlanWorkspace } from './usePlanWorkspace';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { DeviceCatalogueDialog } from './DeviceCatalogueDialog';
import { ToolOptions } from './ToolOptions';
import { LesionsSection } from './LesionsSection';
import { StructuresSection } from './StructuresSection';
import { TrajectoriesSection } from './TrajectoriesSection';
import { ZoneMetrics } from './ZoneMetrics';

/**
 * The drawing tools (when the plan may be edited) and the plan's lesions, structures at risk,
 * trajectories and zone measurements: the part of the planning panel that a saved plan and an
 * exercise draft share.
 */
export function PlanEditorSections({ ws, editable, onNeedleViews }: { ws: PlanWorkspace; editable: boolean; onNeedleViews: () => void }) {
  const [showCatalogue, setShowCatalogue] = useState(false);
  const sel = ws.plan.selection;
  return (
    <>
      {editable && <ToolOptions bridge={ws.bridge} bridgeState={ws.bridgeState} canNeedleViews={sel?.kind === 'trajectory'} onNeedleViews={onNeedleViews} onCatalogue={() => setShowCatalogue(true)} />}
      <LesionsSection ws={ws} />
      <StructuresSection ws={ws} />
      <TrajectoriesSection ws={ws} />
      <ZoneMetrics ws={ws} />
      {showCatalogue && <DeviceCatalogueDialog catalogue={defaultCatalogue()} onClose={() => setShowCatalogue(false)} />}
    </>
  );
}

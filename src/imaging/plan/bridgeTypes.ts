import type { LpsPoint } from '../../shared/vec3';
import type { PlanTool } from '../types';
import type { ViewerSession } from '../viewerSession';
import type { PlanToolOptions } from '../tools/planToolOptions';
import type { ToolStatus } from '../tools/planToolMachine';
import type { LiveMetrics } from './liveMetrics';

/** What the plan panel shows besides the plan itself. */
export interface BridgeSnapshot {
  readonly tool: PlanTool | null;
  readonly options: PlanToolOptions;
  /** A line for the status bar: what the last action did, or why it could not. */
  readonly status: ToolStatus | null;
  readonly busy: boolean;
  /** Live metrics of every trajectory, by id, and the plan's zone metrics (null before the first computation). */
  readonly metrics: LiveMetrics | null;
  /** The entry (or target) placed by a first click, waiting for the second. */
  readonly pending: { readonly first: LpsPoint; readonly firstIs: 'entry' | 'target' } | null;
}

/** What the bridge uses of the viewer session (the session itself, or a stand-in in tests). */
export type PlanBridgeSession = Pick<
  ViewerSession,
  | 'setOverlayPainter'
  | 'setPlanActorsProvider'
  | 'setPointerHandler'
  | 'setPlanTool'
  | 'repaintOverlays'
  | 'refreshPlanActors'
  | 'planningVolume'
  | 'volumeGeometry'
  | 'setNeedle'
  | 'jumpTo'
  | 'probe'
>;

/** The series the plan is drawn on. */
export interface BridgeSeries {
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
  readonly patientPosition: string | null;
}

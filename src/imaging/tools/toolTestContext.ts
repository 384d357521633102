import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import type { PlanningVolume } from '../../planning/lesions';
import { EMPTY_DRAFT, type PlanDraft } from '../../planning/plan/planDraft';
import { PlanStore } from '../../planning/plan/planStore';
import { phantomVolume } from '../../planning/testSupport/phantomVolume';
import { lps } from '../../shared/vec3';
import { worldToCanvas, type ViewPlane } from '../overlay/viewPlane';
import type { PlanPointerEvent } from '../types';
import type { PlanToolContext, ToolStatus } from './planToolMachine';
import { DEFAULT_TOOL_OPTIONS, type PlanToolOptions } from './planToolOptions';

/*
 * Test support for the plan tools: a real store and a hand-built volume behind a context,
 * and pointer events on an axial view at 1 mm per CSS pixel whose canvas (0, 0) is the world
 * origin, so canvas (x, y) is world (x, y, z).
 */

/** A 32 × 32 × 24 grid of 1 mm voxels at the origin (voxel (i, j, k) centred at (i, j, k) mm). */
export const uniformVolume = (hu: (x: number, y: number, z: number) => number = () => 0): PlanningVolume =>
  phantomVolume({ dimensions: [32, 32, 24], spacing: [1, 1, 1] }, hu);

/** A context over a real store; `reports` collects the status lines, `repaints` counts redraws. */
export function toolTestContext(setup: { volume?: PlanningVolume; draft?: PlanDraft; options?: Partial<PlanToolOptions> } = {}) {
  const store = new PlanStore(setup.draft ?? EMPTY_DRAFT);
  const reports: ToolStatus[] = [];
  let repaints = 0;
  let ids = 0;
  let options: PlanToolOptions = { ...DEFAULT_TOOL_OPTIONS, ...setup.options };
  const ctx: PlanToolContext = {
    store,
    catalogue: defaultCatalogue(),
    frameOfReferenceUID: '1.2.3.4',
    volume: () => {
      if (!setup.volume) reports.push({ kind: 'error', text: 'still loading' });
      return setup.volume;
    },
    geometry: () => setup.volume,
    options: () => options,
    report: (s) => reports.push(s),
    setBusy: () => undefined,
    repaint: () => void repaints++,
    newId: (prefix) => `${prefix}-${++ids}`,
  };
  return {
    ctx,
    store,
    reports,
    repaints: () => repaints,
    setOptions: (patch: Partial<PlanToolOptions>) => void (options = { ...options, ...patch }),
  };
}

/** The axial view of the tests, at height z. */
export const axialPlane = (z: number): ViewPlane => ({ origin: [0, 0, z], right: [1, 0, 0], down: [0, 1, 0], normal: [0, 0, 1], width: 32, height: 32 });

/** A pointer event at a world point on the axial view through it. */
export function pointer(type: PlanPointerEvent['type'], at: readonly [number, number, number], mods: { shiftKey?: boolean } = {}): PlanPointerEvent {
  const plane = axialPlane(at[2]);
  return { type, slot: 'axial', world: lps(at[0], at[1], at[2]), canvas: worldToCanvas(plane, at), plane, shiftKey: mods.shiftKey ?? false, altKey: false };
}

import {
  DEFAULT_GROW_OPTIONS,
  growLesion,
  lesionMeasurementsOf,
  measureMask,
  planLesionSchema,
  type PlanningVolume,
} from '../../planning/lesions';
import { addLesion, nextLabel, setLesionMask, setStructureMask } from '../../planning/plan/planCommands';
import { DEFAULT_REGION_GROW, growRegion } from '../../planning/structures/growRegion';
import type { LpsPoint } from '../../shared/vec3';
import type { PlanPointerEvent } from '../types';
import type { PlanToolContext } from './planToolMachine';
import { ClickTool } from './clickTool';

/**
 * Grows from a seed: with a structure selected, that structure; with Shift (`replaceSelected`)
 * and a lesion selected, that lesion regrown; otherwise a new lesion, selected.
 */
export function growAt(ctx: PlanToolContext, seed: LpsPoint, replaceSelected = false): void {
  const volume = ctx.volume();
  if (!volume) return;
  const selected = ctx.store.getSnapshot().selection;
  if (selected?.kind === 'structure') growStructure(ctx, volume, selected.id, seed);
  else growLesionAt(ctx, volume, seed, replaceSelected);
}

function growLesionAt(ctx: PlanToolContext, volume: PlanningVolume, seed: LpsPoint, replaceSelected: boolean): void {
  const { store } = ctx;
  const options = ctx.options().grow;
  ctx.setBusy(true);
  const started = performance.now();
  const r = growLesion(volume, seed, options);
  const ms = performance.now() - started;
  ctx.setBusy(false);
  if (!r.ok) {
    ctx.report({ kind: 'error', text: `No lesion grown: ${r.error}` });
    return;
  }
  const { mask, stats } = r.value;
  const measurements = lesionMeasurementsOf(measureMask(volume, mask));
  const grow = {
    seedLps: [seed[0], seed[1], seed[2]] as [number, number, number],
    huRange: [stats.huRange[0], stats.huRange[1]] as [number, number],
    maxVolumeMl: options.maxVolumeMl ?? DEFAULT_GROW_OPTIONS.maxVolumeMl,
    maxDistanceMm: options.maxDistanceMm ?? DEFAULT_GROW_OPTIONS.maxDistanceMm,
    leaked: stats.leaked,
    editedAfterGrow: false,
  };
  const sel = store.getSnapshot().selection;
  const draft = store.draft;
  if (replaceSelected && sel?.kind === 'lesion' && draft.lesions.some((l) => l.record.id === sel.id)) {
    store.apply('regrow lesion', setLesionMask(sel.id, mask, { measurements, grow }));
  } else {
    const id = ctx.newId('lesion');
    const label = nextLabel('L', draft.lesions.map((l) => l.record.label));
    const record = planLesionSchema.parse({ id, label, type: 'lytic', measurements, grow });
    store.apply('grow lesion', addLesion({ record, mask, stored: null }));
    store.select({ kind: 'lesion', id });
  }
  const leak = stats.leaked ? ` — stopped by the leak limit (${stats.leakReason}); check the outline and correct it` : '';
  ctx.report({
    kind: stats.leaked ? 'error' : 'info',
    text: `Grown ${stats.volumeMl.toFixed(1)} mL in ${Math.round(ms)} ms, HU ${stats.huRange[0]}…${stats.huRange[1]}${leak}`,
  });
}

function growStructure(ctx: PlanToolContext, volume: PlanningVolume, id: string, seed: LpsPoint): void {
  const s = ctx.store.draft.structures.find((x) => x.record.id === id);
  if (!s) return;
  const grow = ctx.options().grow;
  // The panel's leak limits apply to structures too; a structure (a bladder) may be larger than a lesion.
  const r = growRegion(volume, seed, {
    maxDistanceMm: grow.maxDistanceMm ?? DEFAULT_REGION_GROW.maxDistanceMm,
    maxVolumeMl: grow.maxVolumeMl ?? DEFAULT_REGION_GROW.maxVolumeMl,
  });
  if (!r.ok) {
    ctx.report({ kind: 'error', text: `${s.record.name} not grown: ${r.error}` });
    return;
  }
  ctx.store.apply('grow structure', setStructureMask(id, r.value.mask));
  const leak = r.value.leaked ? ' — stopped by the volume limit; check it' : '';
  ctx.report({ kind: r.value.leaked ? 'error' : 'info', text: `${s.record.name}: ${r.value.volumeMl.toFixed(1)} mL grown, HU ${r.value.huRange[0]}…${r.value.huRange[1]}${leak}` });
}

/** The grow tool: a click grows (Shift-click regrows the selected lesion). */
export class GrowTool extends ClickTool {
  readonly tool = 'grow';

  protected onClick(e: PlanPointerEvent): void {
    growAt(this.ctx, e.world, e.shiftKey);
  }
}

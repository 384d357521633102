import type { PlanDocument } from '../../../records';
import { lesionContentSchema } from '../../../planning/records/lesionContent';
import { migrateTrajectoryContent, trajectoryContentSchema } from '../../../planning/trajectory/trajectoryContent';
import { defaultCatalogue } from '../../../planning/devices/defaultCatalogue';
import { deviceById } from '../../../planning/devices/deviceById';

/**
 * The plan's key numbers for the board (issue 14, "Presenting"): which devices and how many, the
 * lesion coverage by the lethal zone, the minimum margin, and the structure at risk closest to any
 * shaft. Every number is what the server stored on save (as the plan report reads them); nothing
 * is recomputed here, so the board sees what the plan report prints.
 */
export interface PlanKeyNumbers {
  readonly title: string;
  readonly version: number;
  readonly status: string;
  /** "3 × Cryoprobe X" per device, in first-use order. */
  readonly devices: readonly { readonly name: string; readonly count: number }[];
  readonly needles: number;
  /** Per plan lesion with zone metrics: its label, coverage and minimum margin. */
  readonly lesions: readonly { readonly label: string; readonly coveragePercent: number; readonly minMarginMm: number; readonly marginCapped: boolean }[];
  /** The smallest minimum margin over the lesions, or null without zone metrics. */
  readonly minMarginMm: number | null;
  /** The structure closest to any needle's shaft, or null when no needle has structure distances. */
  readonly closest: { readonly label: string; readonly distanceMm: number; readonly warning: boolean; readonly needle: string } | null;
  /** Why some numbers are missing ("no zone metrics stored"), for the card's small print. */
  readonly notes: readonly string[];
}

/** The part of a long structure label before its explanation ("Sciatic nerve: 5 mm" → "Sciatic nerve"). */
const shortLabel = (label: string): string => label.split(/[:(]/)[0]!.trim() || label;

/** Reads the key numbers of a stored plan; a content that does not read gives an error text instead. */
export function planKeyNumbers(plan: PlanDocument): PlanKeyNumbers | { readonly error: string } {
  const lesions = lesionContentSchema.safeParse(plan.content);
  const traj = trajectoryContentSchema.safeParse(migrateTrajectoryContent({ ...plan.content }));
  if (!lesions.success || !traj.success) return { error: `plan v${plan.version}: its content does not read as a plan` };
  const catalogue = defaultCatalogue();
  const devices: { name: string; count: number }[] = [];
  for (const t of traj.data.trajectories) {
    const name = deviceById(catalogue, t.deviceId)?.name ?? `unknown device ${t.deviceId}`;
    const d = devices.find((x) => x.name === name);
    if (d) d.count += 1;
    else devices.push({ name, count: 1 });
  }
  const zones = traj.data.zoneMetrics;
  const labelOf = (id: string) => lesions.data.lesions.find((l) => l.id === id)?.label || id;
  const lesionRows = (zones?.lesions ?? []).map((z) => ({ label: labelOf(z.lesionId), coveragePercent: z.coveragePercent, minMarginMm: z.minMarginMm, marginCapped: z.marginCapped }));
  let closest: PlanKeyNumbers['closest'] = null;
  traj.data.trajectories.forEach((t, i) => {
    for (const s of t.metrics?.structures ?? []) {
      if (!closest || s.distanceMm < closest.distanceMm) closest = { label: shortLabel(s.label), distanceMm: s.distanceMm, warning: s.warning, needle: t.label || `Needle ${i + 1}` };
    }
  });
  const notes: string[] = [];
  if (traj.data.trajectories.length && !zones) notes.push('no zone metrics stored (no ablation zone, or not computed on save)');
  if (traj.data.trajectories.some((t) => !t.metrics)) notes.push('some needles have no stored metrics');
  return {
    title: plan.title,
    version: plan.version,
    status: plan.status,
    devices,
    needles: traj.data.trajectories.length,
    lesions: lesionRows,
    minMarginMm: lesionRows.length ? Math.min(...lesionRows.map((l) => l.minMarginMm)) : null,
    closest,
    notes,
  };
}

import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import { createMask, type VoxelMask } from '../../planning/mask/voxelMask';
import { gridTransform } from '../../planning/trajectory/gridTransform';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import { buildCompositeZone, type AblationProbe } from '../../planning/zones/compositeZone';
import { zoneRowRange } from '../../planning/zones/maskVoxelsInZone';
import { zoneRowEvaluator } from '../../planning/zones/zoneRows';
import { lps } from '../../shared/vec3';

/**
 * The ablation devices of a plan's trajectories, as the zone metrics take them
 * (trajectory/recomputePlanMetrics): every trajectory whose device has a zone set (the one
 * named, else its first) is a probe; needles without zones are not.
 */
export function ablationProbes(trajectories: readonly Trajectory[], catalogue: DeviceCatalogue): AblationProbe[] {
  const probes: AblationProbe[] = [];
  for (const t of trajectories) {
    const device = deviceById(catalogue, t.deviceId);
    const zoneSet = device ? zoneSetOf(device, t.zoneSetId) : undefined;
    if (device && zoneSet) probes.push({ id: t.id, device, zoneSet, entry: lps(...t.entry), target: lps(...t.target) });
  }
  return probes;
}

/**
 * The composite LETHAL ablation zone of the probes as voxels of a grid: a voxel is in when its
 * centre is, the rule the zone metrics count coverage and structure volumes by
 * (zones/maskVoxelsInZone), evaluated with the same closed-form row intervals
 * (zones/zoneRows) over the rows the zone's bounds can touch. Null when there is no probe.
 * The mask's box spans the grid's columns and the zone's rows and slices (clipped to the grid),
 * so a zone outside the grid gives an empty mask, not null.
 */
export function lethalZoneMask(probes: readonly AblationProbe[], geometry: VolumeGeometry): VoxelMask | null {
  if (probes.length === 0) return null;
  const [nx, ny, nz] = geometry.dimensions;
  const zone = buildCompositeZone(probes, 'lethal');
  if (zone.pieces.length === 0) return createMask(geometry.dimensions);
  const t = gridTransform(geometry);
  const r = zoneRowRange(zone, t);
  const j0 = Math.max(0, r.j0), j1 = Math.min(ny - 1, r.j1);
  const k0 = Math.max(0, r.k0), k1 = Math.min(nz - 1, r.k1);
  if (j1 < j0 || k1 < k0) return createMask(geometry.dimensions);
  const sy = j1 - j0 + 1;
  const mask = createMask(geometry.dimensions, { offset: [0, j0, k0], size: [nx, sy, k1 - k0 + 1] });
  const rows = zoneRowEvaluator(zone, t);
  for (let k = k0; k <= k1; k++) {
    rows.slice(k, j0, j1);
    for (let j = j0; j <= j1; j++) {
      const n = rows.row(j);
      const base = ((k - k0) * sy + (j - j0)) * nx;
      for (let q = 0; q < n; q++) {
        const from = Math.max(0, Math.ceil(rows.lo[q]!)), to = Math.min(nx - 1, Math.floor(rows.hi[q]!));
        if (to >= from) mask.data.fill(1, base + from, base + to + 1);
      }
    }
  }
  return mask;
}

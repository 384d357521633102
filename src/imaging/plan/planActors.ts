import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { VolumeGeometry, VoxelMask } from '../../planning/lesions';
import type { PlanStoreSnapshot } from '../../planning/plan/planStore';
import { placeZones } from '../../planning/zones/placeZones';
import { lps } from '../../shared/vec3';
import { maskSurfaceActor, needleActor, zoneActor, type PlanActor } from '../plan3d';
import { needleStyle, structureColour3d } from '../view3d/actorStyle';

/**
 * The plan as actors of the 3D view: lesion and structure surfaces, needles to scale, and the
 * lethal and 0 °C ablation zones, all but what is hidden. A mask's surface (marching cubes,
 * the slow part) is kept per mask and colour, so only what changed is rebuilt.
 */
export class PlanActors {
  private readonly surfaces = new WeakMap<VoxelMask, { colour: string; actor: PlanActor | undefined }>();

  constructor(private readonly catalogue: DeviceCatalogue) {}

  build(snap: PlanStoreSnapshot, geometry: VolumeGeometry | undefined): PlanActor[] {
    const out: PlanActor[] = [];
    const surface = (mask: VoxelMask, colour: string, opacity: number, uid: string): void => {
      if (!geometry) return;
      let cached = this.surfaces.get(mask);
      if (!cached || cached.colour !== colour) {
        cached = { colour, actor: maskSurfaceActor(uid, mask, geometry, colour, opacity) };
        this.surfaces.set(mask, cached);
      }
      if (cached.actor) out.push(cached.actor);
    };
    snap.draft.lesions.forEach((l, i) => l.mask && !snap.hidden.has(l.record.id) && surface(l.mask, l.record.colour, 0.85, `plan-lesion-${i}-${l.record.id}`));
    snap.draft.structures.forEach((s, i) => s.mask && !snap.hidden.has(s.record.id) && surface(s.mask, structureColour3d(s.record), 0.45, `plan-structure-${i}-${s.record.id}`));
    for (const t of snap.draft.trajectories) {
      if (snap.hidden.has(t.id)) continue;
      const device = deviceById(this.catalogue, t.deviceId);
      const style = needleStyle(device, snap.selection?.id === t.id);
      const needle = needleActor(`plan-needle-${t.id}`, t.entry, t.target, style.radiusMm, style.colour);
      if (needle) out.push(needle);
      const set = device ? zoneSetOf(device, t.zoneSetId) : undefined;
      if (!set) continue;
      for (const z of placeZones(lps(...t.entry), lps(...t.target), set)) {
        // The lethal isotherm and the ice ball's edge (0 °C); the others would hide them.
        if (!z.zone.lethal && z.zone.isothermC !== 0) continue;
        out.push(zoneActor(`plan-zone-${t.id}-${z.zone.id}`, z, z.zone.lethal ? '#ff6b6b' : '#e6f7ff', z.zone.lethal ? 0.3 : 0.15));
      }
    }
    return out;
  }
}

import type { PlanWorkspace } from './usePlanWorkspace';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import { isAblationKind } from '../../planning/devices/deviceSchema';
import { patchTrajectory } from '../../planning/plan/planCommands';
import { accessApproachSchema, type AccessRoute } from '../../planning/trajectory/accessRoute';
import { snapEntryToSkin } from '../../planning/trajectory/snapEntryToSkin';
import { lps, type Vec3 } from '../../shared/vec3';
import { TrajectoryMetricsView } from './TrajectoryMetricsView';
import { CementSummary } from './CementSummary';
import { InlineName } from './InlineName';

const SIDES = ['left', 'right', 'midline'] as const;

/** The zone set of an ablation device with the source of every zone, as the catalogue gives it. */
function ZoneSource({ deviceId, zoneSetId }: { deviceId: string; zoneSetId: string | null }) {
  const device = deviceById(defaultCatalogue(), deviceId);
  if (!device || !isAblationKind(device.kind)) return null;
  const set = zoneSetOf(device, zoneSetId);
  if (!set) return <div className="error-text small-text">{device.name}: no zones — {device.zonesNote || 'enter them in the catalogue'}</div>;
  return (
    <details className="zone-source small-text" data-testid="zone-source">
      <summary>
        Zones: <b>{set.label}</b> — {set.zones.every((z) => z.generic) ? 'generic defaults from published figures' : 'site figures'} (source)
      </summary>
      {set.zones.map((z) => (
        <div key={z.id}>
          {z.label}: ⌀ {z.diameterMm} × {z.lengthMm} mm{z.lethal ? ' (lethal)' : ''} — {z.source}; {z.conditions}; {z.tissue}
          {z.generic ? ' · generic default, not a vendor figure' : ''}
        </div>
      ))}
    </details>
  );
}

/** The selected needle: device, access route, lesion, snap to skin, zones, cement and measurements. */
export function TrajectoryDetails({ ws, trajectory: t }: { ws: PlanWorkspace; trajectory: Trajectory }) {
  const { store, bridge, plan } = ws;
  const catalogue = defaultCatalogue();
  const route = t.accessRoute;
  const metrics = ws.bridgeState?.metrics?.trajectories.get(t.id);
  const linked = plan.draft.lesions.find((x) => x.record.id === t.lesionId);
  return (
    <div className="details" data-testid="trajectory-details">
      <div className="row">
        <span className="muted small-text">Name</span>
        <InlineName value={t.label} placeholder="unnamed needle" onCommit={(label) => store.apply('rename needle', patchTrajectory(t.id, { label }))} testId="trajectory-name" what="needle" />
      </div>
      <div className="grid2">
        <label>
          Device
          <select value={t.deviceId} onChange={(e) => store.apply('device', patchTrajectory(t.id, { deviceId: e.target.value, zoneSetId: null }))}>
            {catalogue.devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Access
          <select
            value={route?.approach ?? ''}
            onChange={(e) => {
              const approach = accessApproachSchema.safeParse(e.target.value);
              store.apply('access route', patchTrajectory(t.id, { accessRoute: approach.success ? ({ approach: approach.data, side: route?.side ?? null } as AccessRoute) : null }));
            }}
          >
            <option value="">—</option>
            {accessApproachSchema.options.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <select
            value={route?.side ?? ''}
            disabled={!route}
            onChange={(e) => route && store.apply('access side', patchTrajectory(t.id, { accessRoute: { ...route, side: SIDES.find((s) => s === e.target.value) ?? null } }))}
          >
            <option value="">side</option>
            {SIDES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Lesion
          <select value={t.lesionId ?? ''} onChange={(e) => store.apply('lesion', patchTrajectory(t.id, { lesionId: e.target.value || null }))}>
            <option value="">—</option>
            {plan.draft.lesions.map((l) => (
              <option key={l.record.id} value={l.record.id}>
                {l.record.label || l.record.id}
              </option>
            ))}
          </select>
        </label>
        <button
          className="small"
          onClick={() => bridge?.snapSelectedEntryToSkin((ct, entry, target) => snapEntryToSkin(ct, lps(entry[0], entry[1], entry[2]), lps(target[0], target[1], target[2])) as Vec3 | null)}
          title="Move the entry along the line to the skin surface"
        >
          Snap entry to skin
        </button>
      </div>
      <ZoneSource deviceId={t.deviceId} zoneSetId={t.zoneSetId} />
      {deviceById(catalogue, t.deviceId)?.kind === 'bone-access-needle' &&
        (linked ? <CementSummary lesion={linked.record} /> : <div className="muted small-text">Link a lesion for the cement estimate and leakage risk</div>)}
      {metrics && <TrajectoryMetricsView m={metrics} />}
    </div>
  );
}

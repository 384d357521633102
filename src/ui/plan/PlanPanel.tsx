import { useState } from 'react';
import type { PlanTool } from '../../imaging';
import type { PlanWorkspace } from './usePlanWorkspace';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import { isAblationKind } from '../../planning/devices/deviceSchema';
import { structureKindSchema, type AnatomicalSite, type StructureKind } from '../../planning/lesions';
import { patchLesion, patchStructure, patchTrajectory, removeLesion, removeStructure, removeTrajectory } from '../../planning/plan/planCommands';
import { accessApproachSchema, type AccessRoute } from '../../planning/trajectory/accessRoute';
import { snapEntryToSkin } from '../../planning/trajectory/snapEntryToSkin';
import { trajectoryTags } from '../../planning/plan/trajectoryTags';
import type { Vec3 } from '../../shared/vec3';
import { lps } from '../../shared/vec3';
import { DeviceCatalogueDialog } from './DeviceCatalogueDialog';
import { LesionDetails } from './LesionDetails';
import { TrajectoryMetricsView } from './TrajectoryMetricsView';
import { CementSummary } from './CementSummary';

const TOOLS: { tool: PlanTool; label: string; key: string }[] = [
  { tool: 'grow', label: 'Grow', key: 'G' },
  { tool: 'brush', label: 'Brush', key: 'B' },
  { tool: 'erase', label: 'Eraser', key: 'E' },
  { tool: 'box', label: 'Box', key: 'X' },
  { tool: 'tube', label: 'Tube', key: 'T' },
  { tool: 'trajectory', label: 'Needle', key: 'N' },
];

const KIND_LABEL: Record<StructureKind, string> = {
  'spinal-canal': 'Spinal canal',
  'spinal-cord': 'Spinal cord',
  'nerve-root': 'Nerve root',
  bowel: 'Bowel',
  bladder: 'Bladder',
  'major-vessel': 'Major vessel',
  skin: 'Skin',
  other: 'Other (named)',
};

/** HU ranges the box tool offers, by what is being marked. */
const BOX_PRESETS: { label: string; hu: [number, number] }[] = [
  { label: 'Gas (bowel)', hu: [-1024, -400] },
  { label: 'Fluid (bladder)', hu: [-15, 25] },
  { label: 'Contrast / blood', hu: [30, 400] },
  { label: 'Fat', hu: [-150, -40] },
];

const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/** The planning panel: the plan's lesions, structures at risk and trajectories with their measurements, tools and saving. */
export function PlanPanel({ ws, onNeedleViews }: { ws: PlanWorkspace; onNeedleViews: () => void }) {
  const { plan, bridge, bridgeState, store } = ws;
  const [showCatalogue, setShowCatalogue] = useState(false);
  const [newKind, setNewKind] = useState<StructureKind>('bowel');
  const catalogue = defaultCatalogue();
  const tool = bridgeState?.tool ?? null;
  const opts = bridgeState?.options;
  const metrics = bridgeState?.metrics;
  const sel = plan.selection;
  const dirty = plan.revision !== plan.savedRevision;
  const draft = plan.draft;
  const selectedTrajectory = sel?.kind === 'trajectory' ? draft.trajectories.find((t) => t.id === sel.id) : undefined;
  const tags = trajectoryTags(draft.trajectories, catalogue);

  return (
    <aside className="plan-panel" data-testid="plan-panel">
      <section>
        <h3>
          Plan
          <span className="muted small-text">{dirty ? 'unsaved changes' : ws.current ? `saved v${ws.current.version}` : ''}</span>
        </h3>
        <div className="row">
          <select
            data-testid="plan-select"
            value={ws.current?.id ?? ''}
            onChange={(e) => ws.open(ws.plans.find((p) => p.id === e.target.value))}
            title="Plans of the cases linked to this study, on this series"
          >
            <option value="">New plan</option>
            {ws.plans.map((p) => (
              <option key={p.id} value={p.id}>
                {(p.title || 'Plan') + ` · ${p.status} · v${p.version}`}
              </option>
            ))}
          </select>
          <button data-testid="save-plan" disabled={ws.saving || !bridge} onClick={() => void ws.save()} title="Save the plan (Ctrl+S)">
            {ws.saving ? 'Saving…' : 'Save'}
          </button>
        </div>
        <div className="row">
          <button disabled={!plan.canUndo} onClick={() => store.undo()} title={`Undo ${plan.undoLabel ?? ''} (Ctrl+Z)`}>
            Undo
          </button>
          <button disabled={!plan.canRedo} onClick={() => store.redo()} title={`Redo ${plan.redoLabel ?? ''} (Ctrl+Y)`}>
            Redo
          </button>
          <span className="muted small-text">{ws.cases.length ? `Case: ${ws.cases.map((c) => c.title || c.patient.pseudonym).join(', ')}` : 'No case linked: saving creates one'}</span>
        </div>
        {ws.message && (
          <div className={ws.message.kind === 'error' ? 'error-text' : 'muted'} data-testid="plan-message">
            {ws.message.text}
          </div>
        )}
        {ws.conflict && (
          <div className="error-banner">
            Version {ws.conflict.version} was saved by {ws.conflict.updatedBy} at {ws.conflict.updatedAt}.{' '}
            <button onClick={ws.takeTheirs}>Take theirs</button> <button onClick={() => void ws.save(true)}>Keep mine over it</button>
          </div>
        )}
      </section>

      <section>
        <h3>Tools</h3>
        <div className="row wrap" role="toolbar">
          {TOOLS.map((t) => (
            <button
              key={t.tool}
              data-plan-tool={t.tool}
              className={tool === t.tool ? 'selected' : ''}
              aria-pressed={tool === t.tool}
              disabled={!bridge}
              title={`${t.label} (${t.key})`}
              onClick={() => bridge?.setTool(tool === t.tool ? null : t.tool)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {bridgeState?.status && (
          <div className={bridgeState.status.kind === 'error' ? 'error-text' : 'muted'} data-testid="plan-status">
            {bridgeState.busy ? 'Working… ' : ''}
            {bridgeState.status.text}
          </div>
        )}
        {opts && (tool === 'brush' || tool === 'erase') && (
          <div className="row">
            <label>
              Radius {opts.brushRadiusMm} mm{' '}
              <input type="range" min={1} max={20} step={0.5} value={opts.brushRadiusMm} onChange={(e) => bridge?.setOptions({ brushRadiusMm: Number(e.target.value) })} />
            </label>
            <label>
              <input type="checkbox" checked={opts.brushSphere} onChange={(e) => bridge?.setOptions({ brushSphere: e.target.checked })} /> 3D sphere
            </label>
          </div>
        )}
        {opts && tool === 'grow' && (
          <div className="grid2">
            <label>
              <input
                type="checkbox"
                checked={opts.grow.huRange === undefined || opts.grow.huRange === 'auto'}
                onChange={(e) => bridge?.setOptions({ grow: { ...opts.grow, huRange: e.target.checked ? 'auto' : [-20, 90] } })}
              />{' '}
              HU range fitted to the lesion
            </label>
            {Array.isArray(opts.grow.huRange) && (
              <span>
                <input className="num" type="number" value={opts.grow.huRange[0]} onChange={(e) => bridge?.setOptions({ grow: { ...opts.grow, huRange: [Number(e.target.value), (opts.grow.huRange as [number, number])[1]] } })} />
                …
                <input className="num" type="number" value={opts.grow.huRange[1]} onChange={(e) => bridge?.setOptions({ grow: { ...opts.grow, huRange: [(opts.grow.huRange as [number, number])[0], Number(e.target.value)] } })} /> HU
              </span>
            )}
            <label>
              Leak limit{' '}
              <input className="num" type="number" min={1} value={opts.grow.maxVolumeMl ?? 300} onChange={(e) => bridge?.setOptions({ grow: { ...opts.grow, maxVolumeMl: Number(e.target.value) } })} /> mL
            </label>
            <label>
              within{' '}
              <input className="num" type="number" min={5} value={opts.grow.maxDistanceMm ?? 60} onChange={(e) => bridge?.setOptions({ grow: { ...opts.grow, maxDistanceMm: Number(e.target.value) } })} /> mm of the seed
            </label>
          </div>
        )}
        {opts && tool === 'tube' && (
          <div className="row">
            <label>
              Radius of new tubes{' '}
              <input className="num" type="number" min={0.5} max={30} step={0.5} value={opts.tubeRadiusMm} onChange={(e) => bridge?.setOptions({ tubeRadiusMm: Math.max(0.5, Number(e.target.value)) })} /> mm
            </label>
          </div>
        )}
        {opts && tool === 'box' && (
          <div className="row wrap">
            {BOX_PRESETS.map((p) => (
              <button key={p.label} className={opts.boxHu[0] === p.hu[0] && opts.boxHu[1] === p.hu[1] ? 'selected small' : 'small'} onClick={() => bridge?.setOptions({ boxHu: p.hu })}>
                {p.label}
              </button>
            ))}
            <span className="muted small-text">
              {opts.boxHu[0]}…{opts.boxHu[1]} HU
            </span>
          </div>
        )}
        {opts && tool === 'trajectory' && (
          <div className="row">
            <select data-testid="device-select" value={opts.deviceId} onChange={(e) => bridge?.setOptions({ deviceId: e.target.value })}>
              {catalogue.devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <button className="small" onClick={() => setShowCatalogue(true)}>
              Catalogue…
            </button>
          </div>
        )}
        {opts && (
          <div className="row">
            <label>
              Fill{' '}
              <input type="range" min={0} max={0.8} step={0.05} value={opts.fill ? opts.opacity : 0} onChange={(e) => bridge?.setOptions({ opacity: Number(e.target.value), fill: Number(e.target.value) > 0 })} />
            </label>
            <button className="small" onClick={onNeedleViews} disabled={!selectedTrajectory} title="Probe's-eye and in-plane views of the selected needle (6)">
              Needle views
            </button>
          </div>
        )}
      </section>

      <section>
        <h3>Lesions</h3>
        {draft.lesions.length === 0 && <div className="muted">Grow (G), then click inside a lesion.</div>}
        <table className="legend" data-testid="lesions">
          <tbody>
            {draft.lesions.map((l) => {
              const m = l.record.measurements;
              const selected = sel?.kind === 'lesion' && sel.id === l.record.id;
              return (
                <tr
                  key={l.record.id}
                  className={selected ? 'selected' : ''}
                  data-testid="lesion-row"
                  data-volume-ml={m?.volumeMl ?? ''}
                  onClick={() => (bridge ? bridge.focus('lesion', l.record.id) : store.select({ kind: 'lesion', id: l.record.id }))}
                >
                  <td>
                    <input type="checkbox" title="Show" checked={!plan.hidden.has(l.record.id)} onChange={(e) => store.setHidden(l.record.id, !e.target.checked)} onClick={(e) => e.stopPropagation()} />
                  </td>
                  <td>
                    <input type="color" value={l.record.colour} onChange={(e) => store.apply('colour', patchLesion(l.record.id, { colour: e.target.value }))} />
                  </td>
                  <td>
                    <b className="ellipsis" title={l.record.label}>{l.record.label || l.record.id}</b>
                    <div className="muted small-text">{siteText(l.record.site)}</div>
                    {m && (
                      <div className="muted small-text" title="Principal diameters; longest axial diameter; HU mean (min–max)">
                        {m.principalDiametersMm.map((d) => fmt(d, 0)).join(' × ')} mm · axial {fmt(m.longestAxialDiameterMm, 0)} mm
                        {m.hu ? ` · ${fmt(m.hu.mean, 0)} HU (${fmt(m.hu.min, 0)}…${fmt(m.hu.max, 0)})` : ''}
                      </div>
                    )}
                  </td>
                  <td className="num-cell" title="Volume">
                    <b>{m ? `${fmt(m.volumeMl, 1)} mL` : l.mask ? '…' : '—'}</b>
                  </td>
                  <td>
                    <button className="small" title="Delete lesion" onClick={(e) => (e.stopPropagation(), store.apply('delete lesion', removeLesion(l.record.id)))}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {sel?.kind === 'lesion' && (() => {
          const l = draft.lesions.find((x) => x.record.id === sel.id);
          return l ? (
            <>
              <LesionDetails lesion={l.record} onPatch={(p) => store.apply('edit lesion', patchLesion(l.record.id, p))} />
              <button className="small" data-testid="prefill-case" onClick={() => void ws.prefillCase(l.record.id)} title="Fill the case record's lesion (site, type, size, SINS components) from this one; what the board entered is kept">
                Prefill the case record
              </button>
            </>
          ) : null;
        })()}
      </section>

      <section>
        <h3>Structures at risk</h3>
        <div className="row">
          <select data-testid="structure-kind" value={newKind} onChange={(e) => setNewKind(e.target.value as StructureKind)}>
            {structureKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
          <button className="small" data-testid="add-structure" disabled={!bridge} onClick={() => bridge?.addStructure(newKind)}>
            Add
          </button>
          <span className="muted small-text">then Grow, Box, Tube or Brush</span>
        </div>
        <table className="legend" data-testid="structures">
          <tbody>
            {draft.structures.map((s) => {
              const selected = sel?.kind === 'structure' && sel.id === s.record.id;
              let voxels = 0;
              if (s.mask) for (const v of s.mask.data) voxels += v;
              return (
                <tr key={s.record.id} className={selected ? 'selected' : ''} data-testid="structure-row" onClick={() => (bridge ? bridge.focus('structure', s.record.id) : store.select({ kind: 'structure', id: s.record.id }))}>
                  <td>
                    <input type="checkbox" title="Show" checked={!plan.hidden.has(s.record.id)} onChange={(e) => store.setHidden(s.record.id, !e.target.checked)} onClick={(e) => e.stopPropagation()} />
                  </td>
                  <td>
                    <input type="color" value={s.record.colour} onChange={(e) => store.apply('colour', patchStructure(s.record.id, { colour: e.target.value }))} />
                  </td>
                  <td>
                    <input className="name" value={s.record.name} onChange={(e) => store.apply('rename', patchStructure(s.record.id, { name: e.target.value || KIND_LABEL[s.record.kind] }))} />
                    <div className="muted small-text">
                      {s.shape.kind === 'tube' ? `tube r ${s.shape.radiusMm} mm, ${s.shape.pointsLps.length} points` : s.mask ? `${voxels} voxels` : 'empty: draw it'}
                    </div>
                  </td>
                  <td className="num-cell" title="Safety distance">
                    <input className="num" type="number" min={0} max={100} step={0.5} value={s.record.safetyDistanceMm} onChange={(e) => store.apply('safety distance', patchStructure(s.record.id, { safetyDistanceMm: Math.max(0, Number(e.target.value)) }))} /> mm
                  </td>
                  <td>
                    <button className="small" title="Delete structure" onClick={(e) => (e.stopPropagation(), store.apply('delete structure', removeStructure(s.record.id)))}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section>
        <h3>
          Trajectories
          {metrics && <span className="muted small-text">metrics {metrics.ms.toFixed(1)} ms</span>}
        </h3>
        {draft.trajectories.length === 0 && <div className="muted">Needle (N): click the entry, then the target.</div>}
        {metrics && metrics.problems.length > 0 && <div className="error-text">{metrics.problems.join('; ')}</div>}
        <table className="legend" data-testid="trajectories">
          <tbody>
            {draft.trajectories.map((t) => {
              const m = metrics?.trajectories.get(t.id);
              const device = deviceById(catalogue, t.deviceId);
              const selected = sel?.kind === 'trajectory' && sel.id === t.id;
              return (
                <tr
                  key={t.id}
                  className={selected ? 'selected' : ''}
                  data-testid="trajectory-row"
                  data-depth-mm={m?.depthMm ?? ''}
                  data-cc-deg={m?.craniocaudalAngleDeg ?? ''}
                  data-axial-deg={m?.axialAngleDeg ?? ''}
                  onClick={() => (bridge ? bridge.focus('trajectory', t.id) : store.select({ kind: 'trajectory', id: t.id }))}
                >
                  <td>
                    <input type="checkbox" title="Show" checked={!plan.hidden.has(t.id)} onChange={(e) => store.setHidden(t.id, !e.target.checked)} onClick={(e) => e.stopPropagation()} />
                  </td>
                  <td>
                    <b className="ellipsis" title={t.label}>
                      <span className="tag">{tags.get(t.id)}</span> {t.label}
                    </b>
                    <div className="muted small-text ellipsis">{device?.name ?? t.deviceId}</div>
                    {m && (
                      <div className="muted small-text">
                        CC {fmt(m.craniocaudalAngleDeg)}° {m.craniocaudalDirection !== 'none' ? m.craniocaudalDirection : ''} · axial {fmt(m.axialAngleDeg)}° {m.axialDirection !== 'none' ? m.axialDirection : ''}
                      </div>
                    )}
                  </td>
                  <td className="num-cell">
                    <b title="Depth, entry to tip">{m ? `${fmt(m.depthMm)} mm` : '…'}</b>
                    {m && m.warnings.length > 0 && (
                      <div className="error-text small-text" title={m.warnings.join('\n')}>
                        ⚠ {m.warnings.length} warning{m.warnings.length > 1 ? 's' : ''}
                      </div>
                    )}
                  </td>
                  <td>
                    <button className="small" title="Delete trajectory" onClick={(e) => (e.stopPropagation(), store.apply('delete trajectory', removeTrajectory(t.id)))}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {selectedTrajectory && (
          <div className="details" data-testid="trajectory-details">
            <div className="grid2">
              <label>
                Device
                <select value={selectedTrajectory.deviceId} onChange={(e) => store.apply('device', patchTrajectory(selectedTrajectory.id, { deviceId: e.target.value, zoneSetId: null }))}>
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
                  value={selectedTrajectory.accessRoute?.approach ?? ''}
                  onChange={(e) =>
                    store.apply(
                      'access route',
                      patchTrajectory(selectedTrajectory.id, {
                        accessRoute: e.target.value ? ({ approach: e.target.value, side: selectedTrajectory.accessRoute?.side ?? null } as AccessRoute) : null,
                      }),
                    )
                  }
                >
                  <option value="">—</option>
                  {accessApproachSchema.options.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
                <select
                  value={selectedTrajectory.accessRoute?.side ?? ''}
                  disabled={!selectedTrajectory.accessRoute}
                  onChange={(e) =>
                    selectedTrajectory.accessRoute &&
                    store.apply('access side', patchTrajectory(selectedTrajectory.id, { accessRoute: { ...selectedTrajectory.accessRoute, side: (e.target.value || null) as AccessRoute['side'] } }))
                  }
                >
                  <option value="">side</option>
                  <option value="left">left</option>
                  <option value="right">right</option>
                  <option value="midline">midline</option>
                </select>
              </label>
              <label>
                Lesion
                <select value={selectedTrajectory.lesionId ?? ''} onChange={(e) => store.apply('lesion', patchTrajectory(selectedTrajectory.id, { lesionId: e.target.value || null }))}>
                  <option value="">—</option>
                  {draft.lesions.map((l) => (
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
            <ZoneSource deviceId={selectedTrajectory.deviceId} zoneSetId={selectedTrajectory.zoneSetId} />
            {deviceById(catalogue, selectedTrajectory.deviceId)?.kind === 'bone-access-needle' &&
              (() => {
                const l = draft.lesions.find((x) => x.record.id === selectedTrajectory.lesionId);
                return l ? <CementSummary lesion={l.record} /> : <div className="muted small-text">Link a lesion for the cement estimate and leakage risk</div>;
              })()}
            {metrics?.trajectories.get(selectedTrajectory.id) && <TrajectoryMetricsView m={metrics.trajectories.get(selectedTrajectory.id)!} />}
          </div>
        )}
      </section>

      {metrics?.zones && (
        <section data-testid="zone-metrics">
          <h3>Ablation zones</h3>
          <div className="muted small-text">Composite model: {metrics.zones.model} (probes closer than the synergy distance merge into one zone)</div>
          {metrics.zones.lesions.map((l) => {
            const label = draft.lesions.find((x) => x.record.id === l.lesionId)?.record.label ?? l.lesionId;
            return (
              <div key={l.lesionId} className="coverage">
                <div>
                  {label}: <b>{fmt(l.coveragePercent, 0)} %</b> covered by the lethal zone, margin {l.marginCapped ? '≥' : ''}
                  <b>{fmt(l.minMarginMm)} mm</b>
                </div>
                <div className="bar" title={`${fmt(l.coveredVolumeMl)} of ${fmt(l.lesionVolumeMl)} mL`}>
                  <div style={{ width: `${Math.max(0, Math.min(100, l.coveragePercent))}%`, background: l.coveragePercent >= 99 ? '#2f9e44' : l.coveragePercent >= 90 ? '#f59f00' : '#e03131' }} />
                </div>
              </div>
            );
          })}
          {metrics.zones.structures.map((s) => (
            <div key={s.structureId} className={s.warning ? 'error-text' : 'muted'}>
              {s.label}: {fmt(s.volumeInLethalMl, 2)} mL in the lethal zone, {fmt(s.volumeInAnyZoneMl, 2)} mL in any zone{s.warning ? ' ⚠' : ''}
            </div>
          ))}
        </section>
      )}
      {showCatalogue && <DeviceCatalogueDialog catalogue={catalogue} onClose={() => setShowCatalogue(false)} />}
    </aside>
  );
}

function siteText(site: AnatomicalSite | null): string {
  if (!site) return 'site not set';
  switch (site.kind) {
    case 'acetabulum':
      return `${site.part} acetabulum`;
    case 'sacrum':
      return `sacrum zone ${site.zone}`;
    case 'vertebra':
      return `${site.level} ${site.part.replace('-', ' ')}`;
    case 'other':
      return site.description;
    default:
      return site.kind.replace('-', ' ');
  }
}

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

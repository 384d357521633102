import type { BridgeSnapshot, PlanBridge } from '../../imaging';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { DEFAULT_GROW_OPTIONS, DEFAULT_MANUAL_HU_RANGE } from '../../planning/segmentation/growOptions';
import { NumberField } from '../NumberField';
import { BOX_PRESETS, TOOLS } from './planLabels';

type Options = BridgeSnapshot['options'];

/** The grow tool's HU range, leak limit and distance. */
function GrowOptionsView({ opts, bridge }: { opts: Options; bridge: PlanBridge | undefined }) {
  const grow = opts.grow;
  const range = Array.isArray(grow.huRange) ? (grow.huRange as readonly [number, number]) : undefined;
  const setGrow = (patch: Partial<Options['grow']>) => bridge?.setOptions({ grow: { ...grow, ...patch } });
  return (
    <div className="grid2">
      <label>
        <input type="checkbox" checked={!range} onChange={(e) => setGrow({ huRange: e.target.checked ? 'auto' : DEFAULT_MANUAL_HU_RANGE })} /> HU range fitted to the lesion
      </label>
      {range && (
        <span>
          <NumberField className="num" value={range[0]} rule={{ required: true, label: 'Lowest HU' }} onCommit={(v) => v !== null && setGrow({ huRange: [v, range[1]] })} />
          …
          <NumberField className="num" value={range[1]} rule={{ required: true, label: 'Highest HU' }} onCommit={(v) => v !== null && setGrow({ huRange: [range[0], v] })} /> HU
        </span>
      )}
      <label>
        Leak limit{' '}
        <NumberField
          className="num"
          value={grow.maxVolumeMl ?? DEFAULT_GROW_OPTIONS.maxVolumeMl}
          rule={{ required: true, min: 1, label: 'Leak limit (mL)' }}
          onCommit={(v) => v !== null && setGrow({ maxVolumeMl: v })}
        />{' '}
        mL
      </label>
      <label>
        within{' '}
        <NumberField
          className="num"
          value={grow.maxDistanceMm ?? DEFAULT_GROW_OPTIONS.maxDistanceMm}
          rule={{ required: true, min: 5, label: 'Distance from the seed (mm)' }}
          onCommit={(v) => v !== null && setGrow({ maxDistanceMm: v })}
        />{' '}
        mm of the seed
      </label>
    </div>
  );
}

/** The tool buttons, the status line, and the options of the active tool. */
export function ToolOptions({ bridge, bridgeState, canNeedleViews, onNeedleViews, onCatalogue }: { bridge: PlanBridge | undefined; bridgeState: BridgeSnapshot | undefined; canNeedleViews: boolean; onNeedleViews: () => void; onCatalogue: () => void }) {
  const tool = bridgeState?.tool ?? null;
  const opts = bridgeState?.options;
  const catalogue = defaultCatalogue();
  return (
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
      {opts && tool === 'grow' && <GrowOptionsView opts={opts} bridge={bridge} />}
      {opts && tool === 'tube' && (
        <div className="row">
          <label>
            Radius of new tubes{' '}
            <NumberField className="num" step={0.5} value={opts.tubeRadiusMm} rule={{ required: true, min: 0.5, max: 30, label: 'Tube radius (mm)' }} onCommit={(v) => v !== null && bridge?.setOptions({ tubeRadiusMm: v })} /> mm
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
          <button className="small" onClick={onCatalogue}>
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
          <button className="small" onClick={onNeedleViews} disabled={!canNeedleViews} title="Probe's-eye and in-plane views of the selected needle (6)">
            Needle views
          </button>
        </div>
      )}
    </section>
  );
}

import { FUSION_WINDOWS, type FusionWindowId, type Nudge } from '../../../imaging';
import type { PostProcedureState } from './usePostProcedure';

const NUDGES: { label: string; title: string; nudge: Nudge }[] = [
  { label: '←', title: 'Move the CBCT 0.5 mm left (Alt+←; Shift: 2 mm)', nudge: { kind: 'translate', rightMm: -0.5, downMm: 0 } },
  { label: '→', title: 'Move the CBCT 0.5 mm right (Alt+→)', nudge: { kind: 'translate', rightMm: 0.5, downMm: 0 } },
  { label: '↑', title: 'Move the CBCT 0.5 mm up (Alt+↑)', nudge: { kind: 'translate', rightMm: 0, downMm: -0.5 } },
  { label: '↓', title: 'Move the CBCT 0.5 mm down (Alt+↓)', nudge: { kind: 'translate', rightMm: 0, downMm: 0.5 } },
  { label: '⟲', title: 'Turn the CBCT 0.5° counter-clockwise about the view normal (Alt+[)', nudge: { kind: 'rotate', deg: 0.5 } },
  { label: '⟳', title: 'Turn the CBCT 0.5° clockwise (Alt+])', nudge: { kind: 'rotate', deg: -0.5 } },
];

/** The fused view's switches (on/off, opacity, checkerboard, the CBCT's window) and the nudge buttons. */
export function FusionControls({ pp }: { pp: PostProcedureState }) {
  const f = pp.fusion;
  return (
    <div className="pp-fusion" data-testid="pp-fusion-controls">
      <div className="pp-row">
        <label>
          <input type="checkbox" checked={f.shown} onChange={(e) => pp.setFusion({ shown: e.target.checked })} data-testid="pp-fusion-on" /> Fusion
        </label>
        <label title="The CBCT's weight over the CT">
          Opacity{' '}
          <input type="range" min={0} max={100} step={5} value={f.opacityPct} disabled={f.checkerboard} onChange={(e) => pp.setFusion({ opacityPct: Number(e.target.value) })} data-testid="pp-opacity" />{' '}
          <span className="pp-num">{f.opacityPct} %</span>
        </label>
      </div>
      <div className="pp-row">
        <label>
          <input type="checkbox" checked={f.checkerboard} onChange={(e) => pp.setFusion({ checkerboard: e.target.checked })} data-testid="pp-checker" /> Checkerboard
        </label>
        <label>
          squares{' '}
          <input type="number" min={2} max={100} step={1} value={f.checkerMm} onChange={(e) => Number(e.target.value) >= 2 && pp.setFusion({ checkerMm: Number(e.target.value) })} className="pp-small-input" data-testid="pp-checker-mm" /> mm
        </label>
        <label>
          CBCT window{' '}
          <select value={f.windowId} onChange={(e) => pp.setFusion({ windowId: e.target.value as FusionWindowId })} data-testid="pp-window">
            {FUSION_WINDOWS.map((w) => (
              <option key={w.id} value={w.id}>
                {w.label} (W {w.widthHu} / L {w.centerHu} HU)
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="pp-row" role="group" aria-label="Nudge the registration">
        <span className="muted small-text">Nudge (view under the mouse):</span>
        {NUDGES.map((n) => (
          <button key={n.label} title={n.title} onClick={() => pp.nudge(n.nudge, pp.hoveredSlot())} data-testid={`pp-nudge-${n.label}`}>
            {n.label}
          </button>
        ))}
        <button onClick={pp.resetToAutomatic} disabled={!pp.manual} data-testid="pp-reset" title="Back to the automatic registration">
          Reset to automatic
        </button>
      </div>
    </div>
  );
}

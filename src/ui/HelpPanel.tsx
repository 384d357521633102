import { FUSION_NUDGE_KEYS, SHORTCUTS } from './shortcuts';

/**
 * The Ctrl shortcuts of plan editing. They are handled by the study page's key handler (not
 * the single-key SHORTCUTS list), undo and redo only outside text boxes, so they are listed here.
 */
export const PLAN_EDITING_KEYS: readonly { keys: readonly string[]; label: string }[] = [
  { keys: ['Ctrl+S'], label: 'Save the plan' },
  { keys: ['Ctrl+Z'], label: 'Undo the last plan edit' },
  { keys: ['Ctrl+Y', 'Ctrl+Shift+Z'], label: 'Redo' },
];

const KEY_NAMES: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', PageUp: 'PgUp', PageDown: 'PgDn', Escape: 'Esc', Delete: 'Del' };

/** The keyboard shortcuts and mouse bindings of the study view. */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="help-panel" role="dialog" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.label}>
                <td className="keys">
                  {s.keys.map((k) => (
                    <kbd key={k}>{KEY_NAMES[k] ?? k.toUpperCase()}</kbd>
                  ))}
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Plan editing</h3>
        <table data-testid="help-plan-editing">
          <tbody>
            {PLAN_EDITING_KEYS.map((s) => (
              <tr key={s.label}>
                <td className="keys">
                  {s.keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Post-procedure fusion</h3>
        <table data-testid="help-fusion-nudge">
          <tbody>
            {FUSION_NUDGE_KEYS.map((s) => (
              <tr key={s.label}>
                <td className="keys">
                  {s.keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Mouse</h3>
        <ul>
          <li>Left drag: the selected tool (window/level by default)</li>
          <li>Middle drag: pan · Right drag: zoom · Wheel: scroll slices</li>
          <li>Double-click a view: maximise / restore · In 3D: left drag rotates</li>
        </ul>
        <button className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

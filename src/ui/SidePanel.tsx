import type { ReactNode } from 'react';
import type { SessionSnapshot } from '../imaging';
import { withUnit } from './format';

/** HU under the cursor and the measurements drawn, with units. */
export function SidePanel({ snapshot, onClear, children }: { snapshot: SessionSnapshot | undefined; onClear: () => void; children?: ReactNode }) {
  const probe = snapshot?.probe;
  const ms = snapshot?.measurements ?? [];
  return (
    <aside className="side-panel">
      <section>
        <h3>Cursor</h3>
        <div data-testid="probe">
          {probe ? (
            <>
              <div className="big">{probe.hu === undefined ? '—' : `${Math.round(probe.hu)} HU`}</div>
              <div className="muted">
                x {probe.world[0].toFixed(1)} · y {probe.world[1].toFixed(1)} · z {probe.world[2].toFixed(1)} mm (LPS)
              </div>
            </>
          ) : (
            <span className="muted">Move over an image</span>
          )}
        </div>
      </section>
      <section>
        <h3>
          Measurements
          {ms.length > 0 && (
            <button className="small" onClick={onClear} title="Delete all measurements (Del)">
              Clear
            </button>
          )}
        </h3>
        {ms.length === 0 && <div className="muted">Length (L) or angle (A), then drag on an image.</div>}
        <ol className="measurements" data-testid="measurements">
          {ms.map((m) => (
            <li key={m.id} data-kind={m.kind} data-value={m.value}>
              {m.kind === 'length' ? 'Length' : 'Angle'} {m.slot ? `(${m.slot})` : ''}: <b>{withUnit(m.value, m.unit === 'deg' ? '°' : 'mm', 1)}</b>
            </li>
          ))}
        </ol>
      </section>
      {children}
    </aside>
  );
}

import type { StoredTrajectoryMetrics } from '../../planning/trajectory/trajectorySchema';
import { axialAngleText, craniocaudalAngleText, mmText, tableVerticalText, unusedShaftText } from '../../planning/trajectory/metricText';
import { trajectoryWarnings } from '../../planning/trajectory/trajectoryWarnings';
import { StructureDistances } from './metrics/StructureDistances';
import './metrics/metrics.css';

const TISSUE_COLOURS: Record<string, string> = { air: '#222', fat: '#e9c46a', 'soft tissue': '#e76f51', fluid: '#4dabf7', 'cancellous bone': '#ced4da', 'cortical bone': '#ffffff', metal: '#ff00ff' };

/**
 * The metrics of the selected trajectory, worded for a radiologist: depth and unused shaft
 * length, the angles from which axis toward which side, structure distances (shaft and zone
 * edge) against their safety distance, the tissue strip, and each warning once. Numbers come
 * from the one metric formatter; the warnings from their one producer (re-derived, so plans
 * saved with older wording read the same).
 */
export function TrajectoryMetricsView({ m }: { m: StoredTrajectoryMetrics }) {
  const total = m.depthMm || 1;
  const vertical = tableVerticalText(m);
  const warnings = trajectoryWarnings(m);
  return (
    <div className="trajectory-metrics" data-testid="trajectory-metrics">
      <table className="kv">
        <tbody>
          <tr>
            <th>Depth</th>
            <td data-testid="metric-depth">{mmText(m.depthMm)}</td>
            <th title="Working length minus depth: the shaft left outside the skin with the tip on target">Unused shaft length</th>
            <td data-testid="metric-unused-shaft" className={m.needleMarginMm < 0 ? 'error-text' : ''}>{unusedShaftText(m.needleMarginMm)}</td>
          </tr>
          <tr>
            <th>Axial</th>
            <td data-testid="metric-axial" colSpan={3}>{axialAngleText(m)}</td>
          </tr>
          <tr>
            <th>Craniocaudal</th>
            <td data-testid="metric-cc" colSpan={3}>{craniocaudalAngleText(m)}</td>
          </tr>
          {vertical !== null && (
            <tr>
              <th>Table vertical</th>
              <td data-testid="metric-table-vertical" colSpan={3}>{vertical}</td>
            </tr>
          )}
          <tr>
            <th>In plane</th>
            <td>{m.inPlane ? 'yes' : 'no'}</td>
            <th>Cortex crossed</th>
            <td>{m.path ? `${m.path.corticalCrossings}×` : '—'}</td>
          </tr>
          {m.transpedicular && (
            <tr>
              <th>Medial wall</th>
              <td colSpan={3} className={m.transpedicular.breach ? 'error-text' : ''}>
                {m.transpedicular.medialWallClearanceMm === null ? 'not reached' : `${mmText(m.transpedicular.medialWallClearanceMm)} clearance at ${mmText(m.transpedicular.atDepthMm)} depth`}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {m.path && m.path.tissues.length > 0 && (
        <div className="tissue-strip" title="Tissues along the path, entry (left) to tip (right)">
          {m.path.tissues.map((s, i) => (
            <div key={i} title={`${s.tissue}: ${mmText(s.startMm)}–${mmText(s.endMm)}`} style={{ width: `${(100 * (s.endMm - s.startMm)) / total}%`, background: TISSUE_COLOURS[s.tissue] ?? '#888' }} />
          ))}
        </div>
      )}
      <StructureDistances structures={m.structures} />
      {warnings.length > 0 && (
        <div className="metric-warnings" data-testid="trajectory-warnings">
          {warnings.map((w) => (
            <div key={w}>⚠ {w}</div>
          ))}
        </div>
      )}
    </div>
  );
}

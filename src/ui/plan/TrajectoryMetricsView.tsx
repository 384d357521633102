import type { StoredTrajectoryMetrics } from '../../planning/trajectory/trajectorySchema';

const fmt = (x: number | null | undefined, d = 1): string => (x === null || x === undefined ? '—' : x.toFixed(d));

const TISSUE_COLOURS: Record<string, string> = { air: '#222', fat: '#e9c46a', 'soft tissue': '#e76f51', fluid: '#4dabf7', 'cancellous bone': '#ced4da', 'cortical bone': '#ffffff', metal: '#ff00ff' };

/** The metrics of the selected trajectory: numbers with units, structure distances, and the tissue strip along the path. */
export function TrajectoryMetricsView({ m }: { m: StoredTrajectoryMetrics }) {
  const total = m.depthMm || 1;
  return (
    <div className="trajectory-metrics" data-testid="trajectory-metrics">
      <table className="kv">
        <tbody>
          <tr>
            <th>Depth</th>
            <td data-testid="metric-depth">{fmt(m.depthMm)} mm</td>
            <th>Needle margin</th>
            <td className={m.needleMarginMm < 0 ? 'error-text' : ''}>{fmt(m.needleMarginMm)} mm</td>
          </tr>
          <tr>
            <th>Craniocaudal</th>
            <td data-testid="metric-cc">
              {fmt(m.craniocaudalAngleDeg)}° {m.craniocaudalDirection !== 'none' ? m.craniocaudalDirection : ''}
            </td>
            <th>Axial</th>
            <td data-testid="metric-axial">
              {fmt(m.axialAngleDeg)}° {m.axialDirection !== 'none' ? m.axialDirection : ''}
            </td>
          </tr>
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
                {m.transpedicular.medialWallClearanceMm === null ? 'not reached' : `${fmt(m.transpedicular.medialWallClearanceMm)} mm clearance at ${fmt(m.transpedicular.atDepthMm)} mm depth`}
                {m.transpedicular.breach ? ' — breach' : ''}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {m.path && m.path.tissues.length > 0 && (
        <div className="tissue-strip" title="Tissues along the path, entry (left) to tip (right)">
          {m.path.tissues.map((s, i) => (
            <div key={i} title={`${s.tissue}: ${fmt(s.startMm)}–${fmt(s.endMm)} mm`} style={{ width: `${(100 * (s.endMm - s.startMm)) / total}%`, background: TISSUE_COLOURS[s.tissue] ?? '#888' }} />
          ))}
        </div>
      )}
      {m.structures.map((s) => (
        <div key={s.structureId} className={s.warning ? 'error-text' : 'muted'}>
          {s.label}: {fmt(s.distanceMm)} mm from the shaft (safety {s.safetyDistanceMm} mm){s.lengthInsideMm > 0 ? `, ${fmt(s.lengthInsideMm)} mm inside` : ''}
        </div>
      ))}
      {m.warnings.map((w, i) => (
        <div key={i} className="error-text">
          ⚠ {w}
        </div>
      ))}
    </div>
  );
}

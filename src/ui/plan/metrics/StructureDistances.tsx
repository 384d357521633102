import type { StoredTrajectoryMetrics } from '../../../planning/trajectory/trajectorySchema';
import { mmText } from '../../../planning/trajectory/metricText';
import './metrics.css';

type Structure = StoredTrajectoryMetrics['structures'][number];

/** The shaft's distance as read: the gap, or how much of the track runs inside. */
const shaftText = (s: Structure): string => (s.lengthInsideMm > 0 ? `through (${mmText(s.lengthInsideMm)} inside)` : mmText(Math.max(0, s.distanceMm)));

/** The zone edge's distance as read: the gap, or how deep the structure reaches into the zone. */
const edgeText = (e: NonNullable<Structure['zoneEdge']>): string => (e.distanceMm < 0 ? `${mmText(-e.distanceMm)} inside` : mmText(e.distanceMm));

/**
 * Each structure at risk against the selected needle: the distance from the shaft and, for an
 * ablation device, from its outermost zone's edge, next to the safety distance both are held
 * to. Rows below it are red; the sentences are in the warnings list, once.
 */
export function StructureDistances({ structures }: { structures: StoredTrajectoryMetrics['structures'] }) {
  if (structures.length === 0) return null;
  const zoneLabel = structures.find((s) => s.zoneEdge)?.zoneEdge?.zoneLabel;
  return (
    <table className="structure-distances" data-testid="structure-distances">
      <thead>
        <tr>
          <th>Structure at risk</th>
          <th className="num">Distance from the shaft</th>
          {zoneLabel !== undefined && <th className="num" title={`Edge of the outermost zone: ${zoneLabel}`}>from the zone edge</th>}
          <th className="num" title="A distance below this is warned">Safety distance</th>
        </tr>
      </thead>
      <tbody>
        {structures.map((s) => (
          <tr key={s.structureId} className={s.warning || s.zoneEdge?.warning ? 'at-risk' : ''} data-testid="structure-distance" data-structure-id={s.structureId}>
            <td>{s.label}</td>
            <td className="num" data-testid="shaft-distance">{shaftText(s)}</td>
            {zoneLabel !== undefined && <td className="num" data-testid="zone-edge-distance">{s.zoneEdge ? edgeText(s.zoneEdge) : '—'}</td>}
            <td className="num">≥ {mmText(s.safetyDistanceMm)}</td>
          </tr>
        ))}
      </tbody>
      {zoneLabel !== undefined && (
        <tfoot>
          <tr>
            <td colSpan={4} className="muted small-text">Zone edge: {zoneLabel} (the outermost zone of the device)</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

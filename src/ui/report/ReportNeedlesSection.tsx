import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import type { StructureAtRisk } from '../../planning/records/structureAtRisk';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import { nearestSlice } from '../../planning/report/nearestSlice';
import { axialWording, craniocaudalWording, tableVerticalWording } from '../../planning/report/angleWording';
import type { Vec3 } from '../../shared/vec3';
import { lpsText, num } from './reportFormat';
import { trajectoryWarnings } from '../../planning/trajectory/trajectoryWarnings';

type Slices = { readonly positions: readonly Vec3[] } | { readonly error: string };

/** "slice k / N" of the point, with the slice's z and how far the point lies off its plane. */
function SliceCell({ slices, point }: { slices: Slices; point: Vec3 }) {
  if ('error' in slices) return <td>—</td>;
  const s = nearestSlice(slices.positions, point);
  if (!s) return <td>—</td>;
  const p = slices.positions[s.index]!;
  return (
    <td>
      <span className="nowrap">{s.index + 1} / {slices.positions.length}</span>
      <div className="small">z {num(p[2])}{s.offsetMm !== null && Math.abs(s.offsetMm) >= 0.05 ? `, ${num(Math.abs(s.offsetMm))} mm off` : ''}</div>
    </td>
  );
}

/**
 * Per needle: device and gauge, entry and target in LPS mm with their nearest slices, then depth,
 * angles with directions and unused shaft length, then the distance of each structure at risk from the
 * shaft. Every number is the server's (the metrics stored on save), rounded as the plan panel shows it.
 */
export function ReportNeedlesSection({ trajectories, structures, slices }: { trajectories: readonly Trajectory[]; structures: readonly StructureAtRisk[]; slices: Slices }) {
  const catalogue = defaultCatalogue();
  if (trajectories.length === 0) return <section className="report-section"><h2>Needles</h2><p className="muted">The plan has no needle.</p></section>;
  const name = (t: Trajectory, i: number) => t.label || `Needle ${i + 1}`;
  return (
    <section className="report-section" data-testid="report-needles">
      <h2>Needles ({trajectories.length})</h2>
      <table className="report-table" data-testid="report-placement">
        <thead>
          <tr><th>#</th><th>Needle</th><th>Device</th><th>Gauge</th><th>Entry (LPS mm)</th><th>Entry slice</th><th>Target (LPS mm)</th><th>Target slice</th></tr>
        </thead>
        <tbody>
          {trajectories.map((t, i) => {
            const device = deviceById(catalogue, t.deviceId);
            const set = device ? zoneSetOf(device, t.zoneSetId) : undefined;
            return (
              <tr key={t.id}>
                <td>{i + 1}</td>
                <td>{name(t, i)}{t.accessRoute && <div className="small">{t.accessRoute.approach}{t.accessRoute.side ? `, ${t.accessRoute.side}` : ''}</div>}</td>
                <td>{device?.name ?? `unknown device ${t.deviceId}`}{set && <div className="small">{set.label}</div>}</td>
                <td className="nowrap">{device?.gauge ? `${device.gauge} G` : device ? `${num(device.outerDiameterMm)} mm` : '—'}</td>
                <td className="nowrap">{lpsText(t.entry)}</td>
                <SliceCell slices={slices} point={t.entry} />
                <td className="nowrap">{lpsText(t.target)}</td>
                <SliceCell slices={slices} point={t.target} />
              </tr>
            );
          })}
        </tbody>
      </table>
      {'error' in slices && <p className="report-problem small">Nearest slices not shown: {slices.error}.</p>}
      <table className="report-table" data-testid="report-geometry">
        <thead>
          <tr><th>#</th><th>Needle</th><th>Depth</th><th>Craniocaudal angle</th><th>Axial angle</th><th>Unused shaft length</th><th>Closest structure</th></tr>
        </thead>
        <tbody>
          {trajectories.map((t, i) => {
            const m = t.metrics;
            if (!m) return <tr key={t.id}><td>{i + 1}</td><td>{name(t, i)}</td><td colSpan={5} className="report-problem">No metrics stored: save the plan again.</td></tr>;
            const cc = craniocaudalWording(m.craniocaudalAngleDeg, m.craniocaudalDirection);
            const ax = axialWording(m.axialAngleDeg, m.axialDirection);
            const tv = tableVerticalWording(m.tableVerticalAngleDeg, m.tableVerticalDirection);
            const closest = [...m.structures].sort((a, b) => a.distanceMm - b.distanceMm)[0];
            return (
              <tr key={t.id} data-testid="report-geometry-row">
                <td>{i + 1}</td>
                <td>{name(t, i)}</td>
                <td className="nowrap" data-testid="report-depth">{num(m.depthMm)} mm</td>
                <td><span className="nowrap" data-testid="report-cc">{cc.short}</span><div className="small">{cc.meaning}</div></td>
                <td><span className="nowrap" data-testid="report-axial">{ax.short}</span><div className="small">{ax.meaning}</div>{tv && <div className="small">table vertical {tv.short}</div>}</td>
                <td className={`nowrap${m.needleMarginMm < 0 ? ' report-warn' : ''}`}>{num(m.needleMarginMm)} mm</td>
                <td>{closest ? <span className={closest.warning ? 'report-warn' : ''}>{shortName(closest.label)}: {num(closest.distanceMm)} mm</span> : '—'}{trajectoryWarnings(m).map((w) => <div key={w} className="report-warn small">⚠ {w}</div>)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small muted">
        Depth: entry to tip. Craniocaudal angle: tilt out of the axial plane; caudal/cranial is where the tip lies from the entry. Axial angle: in the axial plane, from the
        anterior–posterior axis (0° front to back, 90° straight across); left/right is the patient's side the tip lies toward. Unused shaft length: working length minus depth (negative: the tip falls short).
        Slice k / N counts the series' images in their order along the slice normal; z is that image's position and "off" how far the point lies from its plane.
      </p>
      {structures.length > 0 && <StructureDistances trajectories={trajectories} structures={structures} name={name} />}
    </section>
  );
}

/** The part of a long structure name before its explanation, for a table cell. */
const shortName = (label: string): string => label.split(/[:(]/)[0]!.trim() || label;

/** Needles × structures at risk: the distance of each structure from each shaft, warnings marked. */
function StructureDistances({ trajectories, structures, name }: { trajectories: readonly Trajectory[]; structures: readonly StructureAtRisk[]; name: (t: Trajectory, i: number) => string }) {
  return (
    <>
      <h3>Distances to structures at risk (mm, from the shaft)</h3>
      <table className="report-table" data-testid="report-structures">
        <thead>
          <tr>
            <th>#</th><th>Needle</th>
            {structures.map((s, j) => <th key={s.id} title={s.name}>S{j + 1}</th>)}
          </tr>
        </thead>
        <tbody>
          {trajectories.map((t, i) => (
            <tr key={t.id}>
              <td>{i + 1}</td>
              <td>{name(t, i)}</td>
              {structures.map((s) => {
                const d = t.metrics?.structures.find((x) => x.structureId === s.id);
                return <td key={s.id} className={`nowrap${d?.warning ? ' report-warn' : ''}`}>{d ? `${num(d.distanceMm)}${d.warning ? ' ⚠' : ''}${d.lengthInsideMm > 0 ? ` (${num(d.lengthInsideMm)} inside)` : ''}` : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="report-legend small">
        {structures.map((s, j) => <li key={s.id}>S{j + 1}: {s.name} (safety distance {num(s.safetyDistanceMm, 0)} mm)</li>)}
      </ul>
    </>
  );
}

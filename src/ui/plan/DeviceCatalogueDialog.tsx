import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';

/** The device catalogue, every zone with its source, conditions and tissue. */
export function DeviceCatalogueDialog({ catalogue, onClose }: { catalogue: DeviceCatalogue; onClose: () => void }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label="Device catalogue" onClick={(e) => e.stopPropagation()} data-testid="device-catalogue">
        <h2>
          {catalogue.title} <button onClick={onClose}>Close</button>
        </h2>
        <p className="muted">{catalogue.notice}</p>
        <p className="muted">The site edits this list in src/planning/devices/catalogue.json (validated on start).</p>
        <table className="catalogue">
          <thead>
            <tr>
              <th>Device</th>
              <th>Kind</th>
              <th>⌀ mm</th>
              <th>Length mm</th>
              <th>Zones (source · conditions · tissue)</th>
            </tr>
          </thead>
          <tbody>
            {catalogue.devices.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.name}
                  {d.generic ? <div className="muted small-text">generic</div> : null}
                </td>
                <td>{d.kind}</td>
                <td>{d.outerDiameterMm}</td>
                <td>{d.workingLengthMm}</td>
                <td>
                  {d.zoneSets.length === 0 && <span className="muted">{d.zonesNote || '—'}</span>}
                  {d.zoneSets.map((s) => (
                    <div key={s.id}>
                      <b>{s.label}</b>
                      {s.zones.map((z) => (
                        <div key={z.id} className="small-text">
                          {z.label}: ⌀ {z.diameterMm} × {z.lengthMm} mm, centre {z.centreFromTipMm} mm from tip{z.lethal ? ', lethal' : ''} — {z.source} · {z.conditions} · {z.tissue}
                          {z.derivation ? <div className="muted">{z.derivation}</div> : null}
                        </div>
                      ))}
                    </div>
                  ))}
                  {d.synergy && (
                    <div className="small-text muted">
                      Multi-probe: {d.synergy.model}, synergy {d.synergy.synergyDistanceMm} mm — {d.synergy.source}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { segmentKey, voxelsToMl, type LoadedObject, type ObjectPlacement } from '../../imaging';
import type { ImportedSegmentation } from '../../interop/importTypes';
import { structureKindSchema } from '../../planning/records/structureAtRisk';
import { STRUCTURE_DEFAULTS } from '../../planning/records/structureDefaults';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { ImportedState } from './useImportedObjects';
import type { SegmentRole } from './adoptImported';

interface Props {
  imported: ImportedState;
  object: LoadedObject;
  seg: ImportedSegmentation;
  placement: ObjectPlacement | undefined;
  grid: VolumeGeometry | undefined;
  /** Adds a placed segment to the plan; answers with the reason when it cannot. */
  onAdopt: ((segmentNumber: number, role: SegmentRole) => void) | string;
}

const ROLES = ['lesion', ...structureKindSchema.options] as const;

/** The segments of a SEG: swatch, label, coded type, voxels and mL on the CT, toggle, adopt. */
export function SegmentRows({ imported, object, seg, placement, grid, onAdopt }: Props) {
  const [role, setRole] = useState<Record<number, (typeof ROLES)[number]>>({});
  return (
    <ul className="imported-segments">
      {seg.segments.map((s) => {
        const placed = placement?.segments.find((p) => p.number === s.number);
        const key = segmentKey(object.key, s.number);
        const r = role[s.number] ?? 'lesion';
        const reason = !placed ? 'not placed yet' : !placed.mask.ok ? placed.mask.error : null;
        return (
          <li key={s.number} data-testid="imported-segment" data-label={s.label} data-voxels={placed?.mask.ok ? placed.voxels : ''} data-colour={s.colour}>
            <label>
              <input type="checkbox" checked={!imported.snap.hidden.has(key)} onChange={() => imported.store.toggle(key)} />
              <span className="swatch" style={{ background: s.colour }} /> {s.label}
            </label>
            <span className="muted"> {s.type?.meaning ?? s.category?.meaning ?? ''}</span>
            {placed?.mask.ok && grid ? (
              <span className="muted"> · {placed.voxels} voxels · {voxelsToMl(placed.voxels, grid).toFixed(2)} mL</span>
            ) : (
              <div className="muted imported-reason">{reason}</div>
            )}
            {placed?.mask.ok && (
              <div className="imported-adopt">
                <select aria-label="Adopt as" data-testid="adopt-role" value={r} onChange={(e) => setRole({ ...role, [s.number]: e.target.value as (typeof ROLES)[number] })}>
                  {ROLES.map((x) => (
                    <option key={x} value={x}>
                      {x === 'lesion' ? 'Lesion' : `Structure: ${STRUCTURE_DEFAULTS[x].name}`}
                    </option>
                  ))}
                </select>
                <button
                  className="small"
                  data-testid="adopt-segment"
                  disabled={typeof onAdopt === 'string'}
                  title={typeof onAdopt === 'string' ? onAdopt : 'Add it to the plan'}
                  onClick={() => typeof onAdopt !== 'string' && onAdopt(s.number, r === 'lesion' ? { as: 'lesion' } : { as: 'structure', kind: r })}
                >
                  Adopt into plan
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

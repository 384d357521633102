import { useState } from 'react';
import type { PlanWorkspace } from './usePlanWorkspace';
import { structureKindSchema, type StructureKind } from '../../planning/lesions';
import { patchStructure, removeStructure } from '../../planning/plan/planCommands';
import { NumberField } from '../NumberField';
import { KIND_LABEL } from './planLabels';
import { voxelCount } from './maskVoxels';
import { structureDisplayColour } from '../../planning/records/structureDisplayColour';

/** The structures at risk: add one, then draw it; name, colour and safety distance of each. */
export function StructuresSection({ ws }: { ws: PlanWorkspace }) {
  const { plan, bridge, store } = ws;
  const [newKind, setNewKind] = useState<StructureKind>('bowel');
  const sel = plan.selection;
  return (
    <section>
      <h3>Structures at risk</h3>
      <div className="row">
        <select data-testid="structure-kind" value={newKind} onChange={(e) => setNewKind(structureKindSchema.parse(e.target.value))}>
          {structureKindSchema.options.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <button className="small" data-testid="add-structure" disabled={!bridge} onClick={() => bridge?.addStructure(newKind)}>
          Add
        </button>
        <span className="muted small-text">then Grow, Box, Tube or Brush</span>
      </div>
      <table className="legend" data-testid="structures">
        <tbody>
          {plan.draft.structures.map((s) => {
            const selected = sel?.kind === 'structure' && sel.id === s.record.id;
            return (
              <tr key={s.record.id} className={selected ? 'selected' : ''} data-testid="structure-row" onClick={() => (bridge ? bridge.focus('structure', s.record.id) : store.select({ kind: 'structure', id: s.record.id }))}>
                <td>
                  <input type="checkbox" title="Show" checked={!plan.hidden.has(s.record.id)} onChange={(e) => store.setHidden(s.record.id, !e.target.checked)} onClick={(e) => e.stopPropagation()} />
                </td>
                <td>
                  <input type="color" value={structureDisplayColour(s.record)} onChange={(e) => store.apply('colour', patchStructure(s.record.id, { colour: e.target.value }))} />
                </td>
                <td>
                  <input className="name" value={s.record.name} onChange={(e) => store.apply('rename', patchStructure(s.record.id, { name: e.target.value || KIND_LABEL[s.record.kind] }))} />
                  <div className="muted small-text">
                    {s.shape.kind === 'tube' ? `tube r ${s.shape.radiusMm} mm, ${s.shape.pointsLps.length} points` : s.mask ? `${voxelCount(s.mask)} voxels` : 'empty: draw it'}
                  </div>
                </td>
                <td className="num-cell" title="Safety distance">
                  <NumberField
                    className="num"
                    step={0.5}
                    value={s.record.safetyDistanceMm}
                    rule={{ required: true, min: 0, max: 100, label: 'Safety distance (mm)' }}
                    onCommit={(v) => v !== null && store.apply('safety distance', patchStructure(s.record.id, { safetyDistanceMm: v }))}
                  />{' '}
                  mm
                </td>
                <td>
                  <button className="small" title="Delete structure" onClick={(e) => (e.stopPropagation(), store.apply('delete structure', removeStructure(s.record.id)))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

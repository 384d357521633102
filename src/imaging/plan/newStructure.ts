import { STRUCTURE_DEFAULTS, type StructureKind } from '../../planning/lesions';
import { nextLabel } from '../../planning/plan/planCommands';
import type { StructureDraft } from '../../planning/plan/planDraft';

/**
 * A new, empty mask structure at risk of a kind, with the kind's default name, colour and
 * safety distance; the name gets a number when the plan already has one of that name.
 */
export function newStructure(kind: StructureKind, id: string, usedNames: readonly string[]): StructureDraft {
  const def = STRUCTURE_DEFAULTS[kind];
  const name = usedNames.includes(def.name) ? nextLabel(`${def.name} `, usedNames) : def.name;
  return { record: { id, kind, name, colour: def.colour, safetyDistanceMm: def.safetyDistanceMm }, shape: { kind: 'mask', stored: null }, mask: null };
}

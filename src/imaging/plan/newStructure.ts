import { STRUCTURE_DEFAULTS, type StructureKind } from '../../planning/lesions';
import type { StructureDraft } from '../../planning/plan/planDraft';

/**
 * A new, empty mask structure at risk of a kind, with the kind's default name, colour and
 * safety distance. The first of a name is unnumbered and counts as the first: the second is
 * "Bladder 2", never "Bladder 1" beside "Bladder".
 */
export function newStructure(kind: StructureKind, id: string, usedNames: readonly string[]): StructureDraft {
  const def = STRUCTURE_DEFAULTS[kind];
  let name = def.name;
  for (let n = 2; usedNames.includes(name); n++) name = `${def.name} ${n}`;
  return { record: { id, kind, name, colour: def.colour, safetyDistanceMm: def.safetyDistanceMm }, shape: { kind: 'mask', stored: null }, mask: null };
}

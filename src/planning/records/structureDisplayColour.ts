import type { StructureKind } from './structureAtRisk';
import { STRUCTURE_DEFAULTS } from './structureDefaults';

/** Colours of vessels and nerves whose plan colour is still their kind's default. */
export const ARTERY_COLOUR = '#e03131';
export const VEIN_COLOUR = '#3b6cf6';
export const NERVE_COLOUR = '#fcc419';

/** What it takes to colour a structure at risk. */
export interface StructureLook {
  readonly kind: StructureKind;
  readonly name: string;
  readonly colour: string;
}

/** The kind of anatomy a structure's name says it is, for the structures whose kind does not. */
export type VesselOrNerve = 'artery' | 'vein' | 'nerve';

/** Reads artery, vein or nerve from a structure's kind and name (English and Latin terms). */
export function vesselOrNerveOf(s: Pick<StructureLook, 'kind' | 'name'>): VesselOrNerve | undefined {
  if (s.kind === 'nerve-root') return 'nerve';
  const name = s.name.toLowerCase();
  // "vena cava" and "vein" before "artery": a name never says both, but "venous" must not read as artery.
  if (/\b(vein|veins|vena|venae|venous|ivc)\b/.test(name)) return 'vein';
  if (/\b(artery|arteries|arteria|arterial|aorta|aortic)\b/.test(name)) return 'artery';
  if (/\b(nerve|nerves|nervus|plexus|root)\b/.test(name)) return 'nerve';
  return undefined;
}

/**
 * A structure's colour on screen, the same in the 2D overlay, the 3D view and the plan panel: its own plan colour when the user chose one (it differs
 * from its kind's default); otherwise artery red, vein blue, nerve yellow when its name or
 * kind says which, so that an artery and its vein (both "major vessel", both the default red)
 * can be told apart; otherwise the plan colour.
 */
export function structureDisplayColour(s: StructureLook): string {
  if (s.colour.toLowerCase() !== STRUCTURE_DEFAULTS[s.kind].colour.toLowerCase()) return s.colour;
  switch (vesselOrNerveOf(s)) {
    case 'artery':
      return ARTERY_COLOUR;
    case 'vein':
      return VEIN_COLOUR;
    case 'nerve':
      return NERVE_COLOUR;
    default:
      return s.colour;
  }
}

import type { Device } from '../../planning/devices/deviceSchema';
import type { StructureKind } from '../../planning/records/structureAtRisk';
import { STRUCTURE_DEFAULTS } from '../../planning/records/structureDefaults';

/**
 * A needle's colour in the plan overlay of the 2D views (src/imaging/planPainter.ts draws with
 * the same two), so a needle reads as the same object in every view.
 */
export const NEEDLE_COLOUR = '#63e6be';
/** The selected needle's colour in the 2D overlay. */
export const SELECTED_NEEDLE_COLOUR = '#ffe066';

/** Colours of the vessels and nerves of the 3D view when the plan left the kind's default colour. */
export const ARTERY_COLOUR = '#e03131';
export const VEIN_COLOUR = '#3b6cf6';
export const NERVE_COLOUR = '#fcc419';

/**
 * The diameter (mm) a needle of an unknown device is drawn at: the catalogue has no device of
 * that id, so there is no true size; 2 mm is between the 17 G and 13 G shafts in the catalogue.
 */
export const UNKNOWN_DEVICE_DIAMETER_MM = 2;

/** A needle as the 3D view draws it. */
export interface NeedleStyle {
  readonly radiusMm: number;
  readonly colour: string;
}

/** A needle's cylinder: the device's outer diameter (true size) in its plan colour. */
export function needleStyle(device: Pick<Device, 'outerDiameterMm'> | undefined, selected: boolean): NeedleStyle {
  const d = device?.outerDiameterMm;
  return { radiusMm: (d !== undefined && d > 0 ? d : UNKNOWN_DEVICE_DIAMETER_MM) / 2, colour: selected ? SELECTED_NEEDLE_COLOUR : NEEDLE_COLOUR };
}

/** What the 3D view needs of a structure at risk to colour it. */
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
 * A structure's colour in the 3D view: its own plan colour when the user chose one (it differs
 * from its kind's default); otherwise artery red, vein blue, nerve yellow when its name or
 * kind says which, so that an artery and its vein (both "major vessel", both the default red)
 * can be told apart; otherwise the plan colour.
 */
export function structureColour3d(s: StructureLook): string {
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

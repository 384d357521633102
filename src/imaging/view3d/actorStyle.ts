import type { Device } from '../../planning/devices/deviceSchema';

/**
 * A needle's colour in the plan overlay of the 2D views (src/imaging/planPainter.ts draws with
 * the same two), so a needle reads as the same object in every view.
 */
export const NEEDLE_COLOUR = '#63e6be';
/** The selected needle's colour in the 2D overlay. */
export const SELECTED_NEEDLE_COLOUR = '#ffe066';

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

// The structure colours are one rule for every view (2D overlay, 3D, plan panel): see there.
export { ARTERY_COLOUR, NERVE_COLOUR, VEIN_COLOUR, structureDisplayColour as structureColour3d, vesselOrNerveOf } from '../../planning/records/structureDisplayColour';
export type { StructureLook, VesselOrNerve } from '../../planning/records/structureDisplayColour';

import { describe, expect, it } from 'vitest';
import { ARTERY_COLOUR, NEEDLE_COLOUR, NERVE_COLOUR, SELECTED_NEEDLE_COLOUR, VEIN_COLOUR, needleStyle, structureColour3d, vesselOrNerveOf } from './actorStyle';

describe('needleStyle', () => {
  it('draws a needle at half its device outer diameter: 10 G (3.40 mm) → 1.70 mm, 22 G (0.72 mm) → 0.36 mm', () => {
    expect(needleStyle({ outerDiameterMm: 3.4 }, false).radiusMm).toBeCloseTo(1.7, 9);
    expect(needleStyle({ outerDiameterMm: 0.72 }, false).radiusMm).toBeCloseTo(0.36, 9);
  });

  it('takes the 2D overlay colours: light yellow when selected, green-teal otherwise', () => {
    expect(needleStyle({ outerDiameterMm: 2.41 }, true).colour).toBe('#ffe066');
    expect(needleStyle({ outerDiameterMm: 2.41 }, false).colour).toBe('#63e6be');
    expect([NEEDLE_COLOUR, SELECTED_NEEDLE_COLOUR]).toEqual(['#63e6be', '#ffe066']);
  });

  it('falls back to 2 mm (radius 1 mm) for a device the catalogue does not know', () => {
    expect(needleStyle(undefined, false).radiusMm).toBe(1);
  });
});

describe('structureColour3d', () => {
  const vessel = (name: string, colour = '#e03131') => ({ kind: 'major-vessel' as const, name, colour });

  it("tells case 1's artery from its vein, both 'major vessel' in the default red", () => {
    expect(structureColour3d(vessel('Right external iliac and common femoral artery'))).toBe(ARTERY_COLOUR);
    expect(structureColour3d(vessel('Right external iliac and common femoral vein'))).toBe(VEIN_COLOUR);
    expect(ARTERY_COLOUR).not.toBe(VEIN_COLOUR);
  });

  it('reads the aorta and the vena cava by name', () => {
    expect(vesselOrNerveOf(vessel('Descending aorta (T8–T12)'))).toBe('artery');
    expect(vesselOrNerveOf(vessel('Inferior vena cava'))).toBe('vein');
    expect(vesselOrNerveOf(vessel('Venous plexus'))).toBe('vein');
  });

  it('colours a nerve yellow: a nerve-root kind, or a structure named a nerve (sciatic nerve as "other")', () => {
    expect(structureColour3d({ kind: 'nerve-root', name: 'Left T10 nerve root', colour: '#fab005' })).toBe(NERVE_COLOUR);
    expect(structureColour3d({ kind: 'other', name: 'Right sciatic nerve', colour: '#868e96' })).toBe(NERVE_COLOUR);
  });

  it("keeps a colour the user chose (not the kind's default) and any structure the name does not place", () => {
    expect(structureColour3d(vessel('Right femoral vein', '#12b886'))).toBe('#12b886');
    expect(structureColour3d({ kind: 'bowel', name: 'Caecum', colour: '#a9e34b' })).toBe('#a9e34b');
    expect(structureColour3d({ kind: 'spinal-canal', name: 'Spinal canal T9–T11', colour: '#4dabf7' })).toBe('#4dabf7');
  });
});

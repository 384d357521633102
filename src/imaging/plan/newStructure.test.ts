import { describe, expect, it } from 'vitest';
import { newStructure } from './newStructure';

describe('newStructure', () => {
  it('takes the kind’s default name, colour and safety distance, as an empty mask', () => {
    const s = newStructure('bladder', 'id1', []);
    expect(s).toEqual({ record: { id: 'id1', kind: 'bladder', name: 'Bladder', colour: '#fcc419', safetyDistanceMm: 5 }, shape: { kind: 'mask', stored: null }, mask: null });
  });

  it('numbers the second of a name 2 (the unnumbered first counts as 1), and takes the next free number', () => {
    expect(newStructure('bladder', 'id2', ['Bladder']).record.name).toBe('Bladder 2');
    expect(newStructure('bladder', 'id3', ['Bladder', 'Bladder 2']).record.name).toBe('Bladder 3');
    expect(newStructure('bladder', 'id4', ['Bladder', 'Bladder 3']).record.name).toBe('Bladder 2');
  });
});

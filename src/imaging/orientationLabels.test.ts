import { describe, expect, it } from 'vitest';
import { directionLetters, orientationLabels } from './orientationLabels';

describe('orientation labels', () => {
  it('labels a radiological axial view: anterior up, patient left on screen right', () => {
    // Axial camera looks from the feet: view up is anterior (-y), plane normal -z.
    expect(orientationLabels([0, -1, 0], [0, 0, -1])).toEqual({ top: 'A', bottom: 'P', right: 'L', left: 'R' });
  });
  it('labels a coronal view: superior up, patient left on screen right', () => {
    expect(orientationLabels([0, 0, 1], [0, -1, 0])).toEqual({ top: 'S', bottom: 'I', right: 'L', left: 'R' });
  });
  it('labels a sagittal view seen from the patient left: anterior on screen left', () => {
    expect(orientationLabels([0, 0, 1], [1, 0, 0])).toEqual({ top: 'S', bottom: 'I', right: 'P', left: 'A' });
  });
  it('gives two letters for an oblique direction, the dominant first', () => {
    expect(directionLetters([0.8, -0.6, 0])).toBe('LA');
  });
});

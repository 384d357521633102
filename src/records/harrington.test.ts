import { describe, expect, it } from 'vitest';
import { classifyHarrington } from './harrington';

describe('Harrington', () => {
  const walls = { lateralCortices: 'intact', superiorWall: 'intact', medialWall: 'intact', solitaryForCure: false } as const;

  it('classes intact walls I, a deficient medial wall II, all deficient III', () => {
    expect(classifyHarrington(walls)).toEqual({ total: 1, category: 'I', missing: [] });
    expect(classifyHarrington({ ...walls, medialWall: 'deficient' })).toEqual({ total: 2, category: 'II', missing: [] });
    expect(
      classifyHarrington({ lateralCortices: 'deficient', superiorWall: 'deficient', medialWall: 'deficient', solitaryForCure: false }),
    ).toEqual({ total: 3, category: 'III', missing: [] });
  });

  it('classes a solitary lesion for curative resection IV whatever the walls', () => {
    expect(classifyHarrington({ solitaryForCure: true })).toEqual({ total: 4, category: 'IV', missing: [] });
  });

  it('grades a superior-wall defect with an intact medial wall by its most severe feature, III', () => {
    // Reference cases 1 and 2: pathological fracture of the superior acetabulum.
    expect(classifyHarrington({ ...walls, superiorWall: 'deficient' }).category).toBe('III');
  });

  it('lists what is missing', () => {
    expect(classifyHarrington({ medialWall: 'deficient' })).toEqual({
      total: null,
      category: null,
      missing: ['lateralCortices', 'superiorWall', 'solitaryForCure'],
    });
  });
});

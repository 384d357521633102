import { describe, expect, it } from 'vitest';
import { BONE_COLOUR, BONE_OPACITY, bonePreset, defaultStepMm, rampAt, rayStepMm } from './bonePreset';

describe('bone opacity', () => {
  it('draws nothing of a CT table shell (≈ 250 HU) or cancellous bone (150–230 HU, plus 3 × 12 HU of noise)', () => {
    for (const hu of [-1000, 0, 60, 230 + 36, 250, 299]) expect(rampAt(BONE_OPACITY, hu)).toBe(0);
  });

  it('makes the cortex (1050–1350 HU in the sample studies) nearly opaque, so a ray stops at the first cortex', () => {
    for (const hu of [1050, 1350]) expect(rampAt(BONE_OPACITY, hu)).toBeGreaterThan(0.9);
  });

  it('interpolates linearly between its points: halfway from 380 (0.5) to 500 (0.9) is 0.7', () => {
    expect(rampAt(BONE_OPACITY, 440)).toBeCloseTo(0.7, 9);
  });

  it('makes a thin cortex read off centre nearly opaque: a 2 mm vertebral cortex (1050 HU over 150 HU) sampled 0.5 mm outside its middle third reads about 500 HU', () => {
    // Half-way between cortex and cancellous bone by partial volume: (1050 + 150) / 2 = 600 HU; a step of 2.4 mm
    // always puts a sample within 1.2 mm of the middle of a 2 mm shell crossed square on, i.e. at most 0.2 mm outside it.
    expect(rampAt(BONE_OPACITY, 600)).toBeGreaterThanOrEqual(0.9);
    expect(rampAt(BONE_OPACITY, 500)).toBeGreaterThanOrEqual(0.9);
  });

  it('is written in Cornerstone preset form, count first', () => {
    const p = bonePreset();
    expect(p.scalarOpacity.split(' ').map(Number)).toEqual([10, -3024, 0, 300, 0, 380, 0.5, 500, 0.9, 3071, 0.95]);
    expect(Number(p.colorTransfer.split(' ')[0])).toBe(BONE_COLOUR.length * 4);
    // One colour over the bone range: a cortex sampled at 400 HU or at 1350 HU reads the same.
    const bone = BONE_COLOUR.filter(([hu]) => hu >= 300).map(([, r, g, b]) => [r, g, b]);
    for (const c of bone) expect(c).toEqual(bone[0]);
    expect(p.shade).toBe('1');
  });
});

describe('ray step', () => {
  it("is Cornerstone's default (sum of spacings / 6) on a GPU: (0.78125 + 0.78125 + 2) / 6 = 0.59375 mm", () => {
    expect(defaultStepMm([0.78125, 0.78125, 2])).toBeCloseTo(0.59375, 9);
    expect(rayStepMm([0.78125, 0.78125, 2], false)).toBeCloseTo(0.59375, 9);
  });

  it('is 2.4 mm on software rendering: inside a 3–4 mm blurred cortex, where 8 × the default (4.75 mm) stepped over it', () => {
    expect(rayStepMm([0.78125, 0.78125, 2], true)).toBe(2.4);
    expect(8 * defaultStepMm([0.78125, 0.78125, 2])).toBeGreaterThan(4);
    // Never finer than the default, on coarse data: (6 + 6 + 8) / 6 = 3.33 mm.
    expect(rayStepMm([6, 6, 8], true)).toBeCloseTo(20 / 6, 9);
  });
});

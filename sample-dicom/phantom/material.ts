/**
 * How a painted region gets its Hounsfield units. Bone is a cortical shell of the given
 * thickness over cancellous bone; textured and mottled materials vary smoothly in space so
 * organs, marrow and bowel content are not flat.
 */
export type Material =
  | { kind: 'solid'; hu: number }
  | { kind: 'textured'; hu: number; amplitude: number; scaleMm: number; seed: number }
  | { kind: 'bone'; cortexHu: number; cancellousHu: number; cortexMm: number; textureHu: number }
  | { kind: 'mottled'; hu: number; gasFraction: number; scaleMm: number; seed: number };

export const solid = (hu: number): Material => ({ kind: 'solid', hu });

export const textured = (hu: number, amplitude: number, scaleMm: number, seed = 1): Material => ({ kind: 'textured', hu, amplitude, scaleMm, seed });

export const bone = (cortexHu: number, cancellousHu: number, cortexMm: number, textureHu = 35): Material => ({
  kind: 'bone',
  cortexHu,
  cancellousHu,
  cortexMm,
  textureHu,
});

/** Bowel content: fluid/faeces of `hu` with gas bubbles (-1000 HU) over about `gasFraction` of it. */
export const mottled = (hu: number, gasFraction: number, scaleMm: number, seed = 7): Material => ({ kind: 'mottled', hu, gasFraction, scaleMm, seed });

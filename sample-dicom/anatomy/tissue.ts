import { bone, mottled, solid, textured, type Material } from '../phantom/material';

/** Unenhanced CT attenuation of the soft tissues, in HU (typical textbook values). */
export const HU = {
  air: -1000,
  lung: -850,
  fat: -105,
  visceralFat: -95,
  skin: 45,
  muscle: 52,
  blood: 42,
  heart: 40,
  urine: 6,
  csf: 8,
  cord: 32,
  disc: 82,
  cartilage: 95,
  jointFluid: 30,
  liver: 58,
  spleen: 48,
  kidney: 34,
  pancreas: 42,
  bowelWall: 42,
  bowelFluid: 15,
  prostate: 40,
  uterus: 45,
  plaque: 450,
  lesion: 40,
  cement: 3000,
  /** Stainless steel of needles left in place (stored range reaches 64 511 HU). */
  steel: 7000,
  marrowFat: -40,
} as const;

export const tissue = {
  air: solid(HU.air),
  lung: textured(HU.lung, 25, 6, 11),
  fat: solid(HU.fat),
  visceralFat: textured(HU.visceralFat, 12, 4, 13),
  skin: solid(HU.skin),
  muscle: solid(HU.muscle),
  blood: solid(HU.blood),
  heart: solid(HU.heart),
  urine: solid(HU.urine),
  csf: solid(HU.csf),
  cord: solid(HU.cord),
  disc: textured(HU.disc, 8, 3, 16),
  cartilage: solid(HU.cartilage),
  jointFluid: solid(HU.jointFluid),
  liver: solid(HU.liver),
  spleen: solid(HU.spleen),
  kidney: solid(HU.kidney),
  pancreas: textured(HU.pancreas, 10, 3, 19),
  bowelWall: solid(HU.bowelWall),
  bowelFluid: solid(HU.bowelFluid),
  faeces: mottled(25, 0.3, 4.5, 20),
  smallBowel: mottled(HU.bowelFluid, 0.08, 5, 21),
  prostate: solid(HU.prostate),
  uterus: solid(HU.uterus),
  plaque: solid(HU.plaque),
  lesion: textured(HU.lesion, 6, 4, 23),
  cement: textured(HU.cement, 60, 3, 24),
  steel: solid(HU.steel),
  marrowFat: solid(HU.marrowFat),
} satisfies Record<string, Material>;

/** Bone densities of one patient: cortical HU and cancellous HU fall with age. */
export interface BoneDensity {
  cortexHu: number;
  cancellousHu: number;
}

/** Bone with the patient's density and a cortical shell of `cortexMm`. */
export const boneOf = (d: BoneDensity, cortexMm: number, cortexScale = 1): Material => bone(d.cortexHu * cortexScale, d.cancellousHu, cortexMm);

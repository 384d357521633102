import { z } from 'zod';
import type { MaskMeasurements } from '../measure/maskMeasurements';

const mm = z.number().min(0).max(10_000);

/**
 * The measurements of a lesion as stored with the plan, for display and export. They are
 * derived from the mask: the server recomputes them with {@link measureMask} on save.
 */
export const lesionMeasurementsSchema = z.strictObject({
  volumeMl: z.number().min(0),
  principalDiametersMm: z.tuple([mm, mm, mm]),
  longestAxialDiameterMm: mm,
  hu: z.strictObject({ mean: z.number(), min: z.number(), max: z.number() }).nullable(),
});

/** Stored lesion measurements. */
export type LesionMeasurements = z.infer<typeof lesionMeasurementsSchema>;

/** The stored subset of a mask's measurements. */
export function lesionMeasurementsOf(m: MaskMeasurements): LesionMeasurements {
  return {
    volumeMl: m.volumeMl,
    principalDiametersMm: [m.principalDiametersMm[0], m.principalDiametersMm[1], m.principalDiametersMm[2]],
    longestAxialDiameterMm: m.longestAxialDiameterMm,
    hu: m.hu ? { mean: m.hu.mean, min: m.hu.min, max: m.hu.max } : null,
  };
}

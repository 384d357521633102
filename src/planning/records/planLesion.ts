import { z } from 'zod';
import { shortText } from '../../records/fieldTypes';
import { storedMaskSchema } from '../encoding/storedMask';
import { anatomicalSiteSchema } from './anatomicalSite';
import { colourSchema } from './colour';
import { lesionMeasurementsSchema } from './lesionMeasurementsRecord';

const lpsTriple = z.tuple([z.number(), z.number(), z.number()]);

/** Findings about a lesion that change the plan (cementoplasty leak risk, SINS). */
export const lesionFlagsSchema = z.strictObject({
  pathologicalFracture: z.boolean().default(false),
  corticalBreach: z.boolean().default(false),
  softTissueExtension: z.boolean().default(false),
  posteriorVertebralWallInvolvement: z.boolean().default(false),
  /** Loss of vertebral body height, 0–100 %; null when not a vertebra or not assessed. */
  vertebralBodyCollapsePercent: z.number().min(0).max(100).nullable().default(null),
});

/** How a lesion's mask was grown, so it can be regrown or explained. */
export const growProvenanceSchema = z.strictObject({
  seedLps: lpsTriple,
  huRange: z.tuple([z.number(), z.number()]),
  maxVolumeMl: z.number().positive(),
  maxDistanceMm: z.number().positive(),
  leaked: z.boolean(),
  /** True once brush or eraser changed the grown mask. */
  editedAfterGrow: z.boolean().default(false),
});

/** A lesion in a plan: what and where it is, its segmentation and its measurements. */
export const planLesionSchema = z.strictObject({
  id: z.string().min(1).max(100),
  label: shortText.default(''),
  site: anatomicalSiteSchema.nullable().default(null),
  side: z.enum(['left', 'right', 'midline']).nullable().default(null),
  type: z.enum(['lytic', 'blastic', 'mixed']).nullable().default(null),
  flags: lesionFlagsSchema.default({
    pathologicalFracture: false,
    corticalBreach: false,
    softTissueExtension: false,
    posteriorVertebralWallInvolvement: false,
    vertebralBodyCollapsePercent: null,
  }),
  colour: colourSchema.default('#e8590c'),
  segmentation: storedMaskSchema.nullable().default(null),
  measurements: lesionMeasurementsSchema.nullable().default(null).describe('Derived from `segmentation`; recomputed on save'),
  grow: growProvenanceSchema.nullable().default(null),
});

/** A plan lesion after defaults. */
export type PlanLesion = z.infer<typeof planLesionSchema>;

import { z } from 'zod';
import { bilskyComponentsSchema } from './bilsky';
import { dicomUid, longText, shortText } from './fieldTypes';
import { genantComponentsSchema } from './genant';
import { harringtonComponentsSchema } from './harrington';
import { mirelsComponentsSchema } from './mirels';
import { scoreResultSchema } from './scoreResult';
import { sinsComponentsSchema } from './sins';
import { spinalLevelSchema } from './spinalLevel';

/** A score as stored: the components as entered and the result the server computed from them. */
const storedScore = <T extends z.ZodType>(components: T) =>
  z.strictObject({
    components,
    result: scoreResultSchema.nullable().default(null).describe('Computed by the server from `components`'),
  });

/**
 * The lesion-level scores that apply: SINS and Bilsky and Genant for spinal lesions, Mirels for
 * long bones, Harrington for periacetabular ones. A score that does not apply is null.
 */
export const lesionScoresSchema = z.strictObject({
  sins: storedScore(sinsComponentsSchema).nullable().default(null),
  mirels: storedScore(mirelsComponentsSchema).nullable().default(null),
  harrington: storedScore(harringtonComponentsSchema).nullable().default(null),
  bilsky: storedScore(bilskyComponentsSchema).nullable().default(null),
  genant: storedScore(genantComponentsSchema).nullable().default(null),
});

/** Lesion-level scores after defaults. */
export type LesionScores = z.infer<typeof lesionScoresSchema>;

/** Where a lesion is: the region decides which scores apply. */
export const lesionRegionSchema = z.enum(['spine', 'sacrum', 'pelvis-acetabulum', 'pelvis-other', 'long-bone', 'rib', 'other']);

/** One lesion the board considers, with its bone and soft-tissue involvement and its scores. */
export const lesionSchema = z.strictObject({
  id: z.string().min(1).max(100).optional().describe('Stable id within the case; the server assigns one when missing'),
  label: shortText.default(''),
  region: lesionRegionSchema.nullable().default(null),
  spinalLevel: spinalLevelSchema.nullable().default(null),
  side: z.enum(['left', 'right', 'midline', 'bilateral']).nullable().default(null),
  site: shortText.default('').describe('E.g. "right superior acetabulum"'),
  lesionType: z.enum(['lytic', 'mixed', 'blastic']).nullable().default(null),
  pathologicalFracture: z.boolean().nullable().default(null),
  largestDiameterMm: z.number().min(0).max(1000).nullable().default(null),
  boneInvolvement: longText.default(''),
  softTissueExtension: z.boolean().nullable().default(null),
  softTissueInvolvement: longText.default(''),
  studyInstanceUID: dicomUid.nullable().default(null).describe('The study where the lesion is best seen'),
  scores: lesionScoresSchema.default({ sins: null, mirels: null, harrington: null, bilsky: null, genant: null }),
});

/** A lesion after defaults. */
export type Lesion = z.infer<typeof lesionSchema>;

import { z } from 'zod';
import { dicomUid, requiredText } from '../../records/fieldTypes';
import { storedMaskSchema } from '../encoding/storedMask';
import { colourSchema } from './colour';

/** The kinds of structure a needle or an ice ball must keep away from. */
export const structureKindSchema = z.enum([
  'spinal-canal',
  'spinal-cord',
  'nerve-root',
  'bowel',
  'bladder',
  'major-vessel',
  'skin',
  'other',
]);

/** A kind of structure at risk. */
export type StructureKind = z.infer<typeof structureKindSchema>;

/** A tube along points (a nerve root, a vessel): every voxel within `radiusMm` of the polyline. */
export const structureTubeSchema = z.strictObject({
  kind: z.literal('tube'),
  frameOfReferenceUID: dicomUid,
  pointsLps: z.array(z.tuple([z.number(), z.number(), z.number()])).min(2).max(1000),
  radiusMm: z.number().positive().max(100),
});

/** A structure at risk: its kind, name, colour, safety distance, and its shape (a mask or a tube). */
export const structureAtRiskSchema = z.strictObject({
  id: z.string().min(1).max(100),
  kind: structureKindSchema,
  name: requiredText,
  colour: colourSchema,
  /** Distance (mm) the planning metrics keep needles and zones from this structure. */
  safetyDistanceMm: z.number().min(0).max(100),
  shape: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('mask'), mask: storedMaskSchema }), structureTubeSchema]),
});

/** A structure at risk after validation. */
export type StructureAtRisk = z.infer<typeof structureAtRiskSchema>;

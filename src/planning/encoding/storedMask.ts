import { z } from 'zod';
import { dicomUid } from '../../records/fieldTypes';

const finite = z.number();
const count = z.int().min(0).max(100_000);
const triple = <T extends z.ZodType>(t: T) => z.tuple([t, t, t]);

/** The voxel grid a mask was drawn on, as stored: enough to check it against a loaded series. */
export const storedGeometrySchema = z.strictObject({
  dimensions: triple(z.int().min(1).max(100_000)).describe('Voxels along i (columns), j (rows), k (slices)'),
  spacing: triple(finite.positive()).describe('mm along i, j, k'),
  origin: triple(finite).describe('LPS mm of the centre of voxel (0, 0, 0)'),
  direction: z.tuple([finite, finite, finite, finite, finite, finite, finite, finite, finite]).describe(
    'Unit LPS directions of increasing i, j, k, one after the other (row, column, slice stacking)',
  ),
});

/** A stored grid geometry. */
export type StoredGeometry = z.infer<typeof storedGeometrySchema>;

/**
 * A binary mask inside a plan document: run lengths over its tight box (i fastest, then j,
 * then k; alternating zeros and ones, zeros first; unsigned LEB128 varints; base64), with the
 * series and frame of reference and the grid it was drawn on, so a reload can tell whether
 * it still fits the images.
 */
export const storedMaskSchema = z.strictObject({
  encoding: z.literal('rle-leb128-base64/v1'),
  seriesInstanceUID: dicomUid,
  frameOfReferenceUID: dicomUid,
  geometry: storedGeometrySchema,
  box: z.strictObject({
    offset: triple(count).describe('First voxel (i, j, k) of the box'),
    size: triple(count).describe('Voxels of the box along i, j, k; all 0 for an empty mask'),
  }),
  voxelCount: z.int().min(0).describe('Voxels set, a check on the runs'),
  runs: z
    .string()
    .max(50_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
});

/** A mask as stored in a plan document. */
export type StoredMask = z.infer<typeof storedMaskSchema>;

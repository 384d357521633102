import { z } from 'zod';
import { actorName, dicomUid, documentId, isoDateTime } from './fieldTypes';

/**
 * Key images (issue 14, "Key images"): a view saved as it was on screen, with a caption, attached
 * to a case, plus the rendered picture (PNG, identifiers left out). The view state is enough to
 * reopen the viewer exactly as saved; the referenced instances are what a Key Object Selection
 * document lists.
 */

/** What a key image is for: the KOS document title it exports under (DCM 128203 or 113004). */
export const keyImagePurposeSchema = z.enum(['board', 'teaching']);
/** A key image's purpose. */
export type KeyImagePurpose = z.infer<typeof keyImagePurposeSchema>;

const finite = z.number().refine(Number.isFinite, 'Must be a finite number');
const vec3 = z.tuple([finite, finite, finite]);

/** A viewport camera as the viewer holds it (world coordinates, LPS mm). */
export const keyImageCameraSchema = z.object({
  focalPoint: vec3,
  position: vec3,
  viewUp: vec3,
  /** Half the height of the view in mm (zoom). */
  parallelScale: finite.positive(),
});

/** Which plan layers were drawn. Absent keys mean "shown". */
export const keyImageLayersSchema = z.object({
  plan: z.boolean().default(true),
  lesions: z.boolean().default(true),
  structures: z.boolean().default(true),
  trajectories: z.boolean().default(true),
  zones: z.boolean().default(true),
  imported: z.boolean().default(true),
});

/**
 * The view as saved: which series, which viewport (slot) and how it was shown. A stack view keeps
 * its image index; a volume view keeps its camera (which covers slice, oblique plane, zoom and pan).
 */
export const keyImageViewStateSchema = z.object({
  studyInstanceUid: dicomUid,
  seriesInstanceUid: dicomUid,
  /** The viewport the image was taken from: axial, sagittal, coronal, probe, inplane0, inplane90, stack, volume3d. */
  slot: z.enum(['axial', 'sagittal', 'coronal', 'volume3d', 'stack', 'probe', 'inplane0', 'inplane90']),
  layout: z.enum(['1x1', '1x3', '2x2', 'needle']).default('1x1'),
  mode: z.enum(['mpr', 'stack']),
  camera: keyImageCameraSchema.nullable().default(null),
  /** 0-based image index in a stack view, null for volume views. */
  stackIndex: z.int().min(0).nullable().default(null),
  window: z.object({ width: finite.positive(), center: finite }),
  /** The plan drawn over the images (id and version), or null. */
  plan: z.object({ id: documentId, version: z.int().min(1) }).nullable().default(null),
  /** The selected needle when the view follows one (probe / in-plane views), else null. */
  needleId: z.string().max(100).nullable().default(null),
  layers: keyImageLayersSchema.prefault({}),
  /** Plan items (lesion, structure, needle ids) the user had hidden one by one. */
  hiddenItems: z.array(z.string().max(100)).max(500).default([]),
  /** 1-based slice number and count the viewer showed ("Im k/N"), for captions and reports. */
  sliceNumber: z.int().min(1).nullable().default(null),
  sliceCount: z.int().min(1).nullable().default(null),
});
/** A saved view state after defaults. */
export type KeyImageViewState = z.infer<typeof keyImageViewStateSchema>;

/** An image the key image shows (the CT slice under the view), as a KOS references it. */
export const referencedInstanceSchema = z.object({
  sopClassUid: dicomUid,
  sopInstanceUid: dicomUid,
});
/** A referenced SOP instance. */
export type ReferencedInstance = z.infer<typeof referencedInstanceSchema>;

/** What a client sends to save a key image (`POST /api/cases/:id/key-images`). */
export const keyImageCreateSchema = z.object({
  caption: z.string().trim().min(1, 'Required').max(200),
  purpose: keyImagePurposeSchema.default('board'),
  view: keyImageViewStateSchema,
  /**
   * The images the view shows: the nearest original slice(s) for an axial/stack view; for an
   * oblique or reformatted view the slices it crosses (at most 64), may be empty when unknown.
   */
  references: z.array(referencedInstanceSchema).max(64).default([]),
  /** The rendered view as a base64 PNG (no data: prefix), at most 8 MB decoded. */
  png: z.string().min(16).max(11_200_000),
});
/** A key image create request before defaults. */
export type KeyImageCreateInput = z.input<typeof keyImageCreateSchema>;

/** A stored key image (the PNG is fetched apart, from `pngUrl`). */
export const keyImageSchema = z.object({
  id: documentId,
  caseId: documentId,
  caption: z.string(),
  purpose: keyImagePurposeSchema,
  view: keyImageViewStateSchema,
  references: z.array(referencedInstanceSchema),
  width: z.int().min(1),
  height: z.int().min(1),
  createdAt: isoDateTime,
  createdBy: actorName,
  /** `/api/key-images/<id>/png` */
  pngUrl: z.string(),
});
/** A stored key image. */
export type KeyImage = z.infer<typeof keyImageSchema>;

/** A caption or purpose change (`PATCH /api/key-images/:id`). */
export const keyImagePatchSchema = z.object({
  caption: z.string().trim().min(1).max(200).optional(),
  purpose: keyImagePurposeSchema.optional(),
});

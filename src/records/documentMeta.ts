import { z } from 'zod';
import { actorName, documentId, documentVersion, isoDateTime } from './fieldTypes';

/**
 * The envelope every stored document carries. The server writes all of it: a client may send
 * these fields back unchanged (they are ignored, except `version`, the base of the save).
 */
export const documentMetaShape = {
  id: documentId,
  version: documentVersion,
  schemaVersion: z.int().min(1),
  createdAt: isoDateTime,
  createdBy: actorName,
  updatedAt: isoDateTime,
  updatedBy: actorName,
  archivedAt: isoDateTime.nullable(),
  archivedBy: actorName.nullable(),
};

/** The same envelope, every field optional, as accepted in a request body. */
export const documentMetaInputShape = {
  id: documentId.optional(),
  version: documentVersion.optional().describe('The version this save is based on (or send If-Match)'),
  schemaVersion: z.int().min(0).optional(),
  createdAt: isoDateTime.optional(),
  createdBy: actorName.optional(),
  updatedAt: isoDateTime.optional(),
  updatedBy: actorName.optional(),
  archivedAt: isoDateTime.nullable().optional(),
  archivedBy: actorName.nullable().optional(),
};

/** The envelope's values. */
export interface DocumentMeta {
  id: string;
  version: number;
  schemaVersion: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  archivedAt: string | null;
  archivedBy: string | null;
}

/** The names of the envelope fields, which a change summary leaves out. */
export const META_FIELDS: readonly string[] = Object.keys(documentMetaShape);

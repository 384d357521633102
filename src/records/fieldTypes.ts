import { z } from 'zod';

/**
 * Field types shared by the record and plan schemas. Limits are generous for clinical text
 * but bounded, so that a runaway client cannot store megabytes in a name field.
 */

/** A one-line text such as a name, a site or a drug (trimmed, at most 500 characters). */
export const shortText = z.string().trim().max(500);

/** A non-empty one-line text. */
export const requiredText = shortText.min(1, 'Required');

/** Free text such as notes or a rationale (at most 100,000 characters). */
export const longText = z.string().max(100_000);

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = z.iso.date();

/** A timestamp with a UTC offset, as the server writes them (`toISOString()`). */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A document id: a random UUID assigned by the server. */
export const documentId = z.uuid();

/**
 * A DICOM UID: dot-separated decimal components, at most 64 characters (PS3.5 §9.1).
 * Leading zeros are refused because they make two spellings of one UID.
 */
export const dicomUid = z
  .string()
  .max(64)
  .regex(/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/, 'Not a DICOM UID (digits and dots, no leading zeros)');

/** Who made a change: a user name as the server attributes it. */
export const actorName = z.string().min(1).max(200);

/** A document version: 1 for the first save, one more for each accepted change. */
export const documentVersion = z.int().min(1).max(2_000_000_000);

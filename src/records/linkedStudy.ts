import { z } from 'zod';
import { dicomUid, shortText } from './fieldTypes';

/**
 * A study that belongs to the case, from any source: the embedded sample source, a PACS over
 * DICOMweb, or elsewhere (a CD, another hospital). The UID is the link; the source says
 * where the viewer should look for it.
 */
export const linkedStudySchema = z.strictObject({
  studyInstanceUID: dicomUid,
  source: z.enum(['embedded', 'dicomweb', 'other']).default('embedded'),
  sourceDetail: shortText.default('').describe('E.g. the PACS name'),
  description: shortText.default(''),
  role: z.enum(['diagnostic', 'planning', 'intra-procedural', 'post-procedure', 'follow-up']).nullable().default(null),
});

/** A linked study after defaults. */
export type LinkedStudy = z.infer<typeof linkedStudySchema>;

import type { z } from 'zod';
import { caseContentSchema } from '../../records';
import { describeField, type FieldInfo } from './schemaIntrospection';

/**
 * What the case schema says of the field at a path (`lesions[0].largestDiameterMm` or
 * `lesions.0.largestDiameterMm`): its kind, range and whether it may be empty. Undefined for a
 * path the schema does not have (an unknown key a client sent).
 */
export function caseFieldInfoAt(path: string): FieldInfo | undefined {
  const segs = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
  let schema: z.ZodType = caseContentSchema;
  for (const seg of segs) {
    const f = describeField(schema).field;
    if (f.kind === 'array' && /^\d+$/.test(seg)) schema = f.element;
    else if (f.kind === 'object' && seg in f.shape) schema = f.shape[seg]!;
    else return undefined;
  }
  return describeField(schema);
}

import type { z } from 'zod';
import { describeField } from './schemaIntrospection';

/** An object with every field at its empty value, for "+ Add": optional fields are left unset, not given a value. */
export function objectDefaults(shape: Record<string, z.ZodType>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape)) {
    if (k === 'id') continue; // assigned by the server
    const info = describeField(s);
    const emptyObject = info.empty !== null && typeof info.empty === 'object' && !Array.isArray(info.empty) && Object.keys(info.empty).length === 0;
    out[k] = info.field.kind === 'object' && !info.nullable && emptyObject ? objectDefaults(info.field.shape) : info.empty;
  }
  return out;
}

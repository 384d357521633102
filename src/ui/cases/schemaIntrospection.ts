import type { z } from 'zod';

/** What a form needs to know of a zod schema to render an input for it. */
export type FieldKind =
  | { kind: 'object'; shape: Record<string, z.ZodType> }
  | { kind: 'array'; element: z.ZodType }
  | { kind: 'enum'; options: string[] }
  | { kind: 'string'; format?: string; long: boolean }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'unknown' };

export interface FieldInfo {
  field: FieldKind;
  nullable: boolean;
  /** May be left out (`undefined`): not set, like null for a nullable field. */
  optional: boolean;
  description?: string;
  /** The value a new, empty field gets. */
  empty: unknown;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string>;
  format?: string;
  checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean; maximum?: number; minimum?: number; format?: string } } }[];
  check?: string;
  in?: z.ZodType;
  defaultValue?: unknown;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const bagOf = (s: z.ZodType): { maximum?: number; minimum?: number; format?: string } =>
  (s as unknown as { _zod: { bag?: { maximum?: number; minimum?: number; format?: string } } })._zod.bag ?? {};

const checkValue = (d: Def, check: string): number | undefined => {
  const c = d.checks?.find((x) => x._zod.def.check === check)?._zod.def;
  return c?.value ?? c?.maximum ?? c?.minimum;
};

/** The value of a field nobody has filled in: not set (null or absent) where the schema allows it. */
function emptyValue(field: FieldKind, nullable: boolean, optional: boolean): unknown {
  if (nullable) return null;
  if (optional) return undefined;
  switch (field.kind) {
    case 'array':
      return [];
    case 'string':
      return '';
    case 'object':
      return {};
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** Unwraps defaults, nullables and pipes to the input a person edits. */
export function describeField(schema: z.ZodType): FieldInfo {
  let s = schema;
  let nullable = false;
  let optional = false;
  let description = schema.description;
  let defaultValue: unknown;
  for (let guard = 0; guard < 10; guard++) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault') {
      if (defaultValue === undefined) defaultValue = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
      s = d.innerType as z.ZodType;
    } else if (d.type === 'nullable' || d.type === 'optional') {
      nullable = nullable || d.type === 'nullable';
      optional = optional || d.type === 'optional';
      s = d.innerType as z.ZodType;
    } else if (d.type === 'pipe' && d.in) {
      s = d.in;
    } else break;
    description ??= s.description;
  }
  const d = defOf(s);
  const bag = bagOf(s);
  let field: FieldKind;
  switch (d.type) {
    case 'object':
      field = { kind: 'object', shape: d.shape ?? {} };
      break;
    case 'array':
      field = { kind: 'array', element: d.element as z.ZodType };
      break;
    case 'enum':
      field = { kind: 'enum', options: Object.values(d.entries ?? {}) };
      break;
    case 'string': {
      const max = checkValue(d, 'max_length');
      field = { kind: 'string', format: d.format ?? bag.format, long: max !== undefined && max > 500 };
      break;
    }
    case 'number':
      field = {
        kind: 'number',
        integer: d.format === 'safeint' || (d.checks ?? []).some((c) => c._zod.def.format === 'safeint'),
        min: checkValue(d, 'greater_than'),
        max: checkValue(d, 'less_than'),
      };
      break;
    case 'boolean':
      field = { kind: 'boolean' };
      break;
    default:
      field = { kind: 'unknown' };
  }
  const empty = defaultValue !== undefined ? defaultValue : emptyValue(field, nullable, optional);
  return { field, nullable, optional, description, empty };
}

/** "maximalPainSite" → "Maximal pain site". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

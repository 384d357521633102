import type { z } from 'zod';
import { describeField, humanize } from './schemaIntrospection';

/** Paths of fields the form shows but never lets a person edit (computed or assigned by the server). */
const READ_ONLY_KEYS = new Set(['id', 'result', 'mme']);

interface Props {
  schema: z.ZodType;
  value: unknown;
  onChange: (v: unknown) => void;
  path: string;
  label: string;
  errors: ReadonlyMap<string, string>;
  /** Renders computed parts (score results, MME) next to the inputs. */
  renderComputed?: (path: string, value: unknown) => React.ReactNode;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/**
 * One field of a record form, rendered from its zod schema: selects for enumerations, number
 * and date inputs, yes/no/unknown for booleans, fieldsets for sections and repeatable rows for
 * lists. The same schema validates on the server, so the form cannot drift from it.
 */
export function SchemaField({ schema, value, onChange, path, label, errors, renderComputed }: Props) {
  const info = describeField(schema);
  const f = info.field;
  const error = errors.get(path);
  const key = path.split('.').at(-1) ?? '';
  if (READ_ONLY_KEYS.has(key)) return renderComputed ? <>{renderComputed(path, value)}</> : null;
  const common = { 'data-path': path, 'aria-invalid': error ? true : undefined, title: info.description };

  if (f.kind === 'object') {
    if (value === null && info.nullable) {
      return (
        <div className="field">
          <button type="button" className="small" data-add={path} onClick={() => onChange(objectDefaults(f.shape))}>
            + {label}
          </button>
        </div>
      );
    }
    const obj = asRecord(value);
    return (
      <fieldset className="subsection" data-path={path}>
        <legend>
          {label}
          {info.nullable && (
            <button type="button" className="small link" onClick={() => onChange(null)} title={`Remove ${label}`}>
              remove
            </button>
          )}
        </legend>
        {Object.entries(f.shape).map(([k, s]) => (
          <SchemaField key={k} schema={s} value={obj[k]} onChange={(v) => onChange({ ...obj, [k]: v })} path={`${path}.${k}`} label={humanize(k)} errors={errors} renderComputed={renderComputed} />
        ))}
        {renderComputed?.(path, value)}
        {error && <div className="field-error">{error}</div>}
      </fieldset>
    );
  }
  if (f.kind === 'array') {
    const list = Array.isArray(value) ? value : [];
    const el = describeField(f.element);
    return (
      <fieldset className="list" data-path={path}>
        <legend>{label}</legend>
        {list.map((item, i) => (
          <div className="list-item" key={(asRecord(item).id as string | undefined) ?? i}>
            <SchemaField schema={f.element} value={item} onChange={(v) => onChange(list.map((x, j) => (j === i ? v : x)))} path={`${path}.${i}`} label={`${label} ${i + 1}`} errors={errors} renderComputed={renderComputed} />
            <button type="button" className="small link" onClick={() => onChange(list.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="small" data-add={path} onClick={() => onChange([...list, el.field.kind === 'object' ? objectDefaults(el.field.shape) : el.empty])}>
          + Add
        </button>
        {error && <div className="field-error">{error}</div>}
      </fieldset>
    );
  }
  let input: React.ReactNode;
  if (f.kind === 'enum') {
    input = (
      <select {...common} value={value === null || value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        {info.nullable && <option value="">—</option>}
        {f.options.map((o) => (
          <option key={o} value={o}>
            {humanize(o)}
          </option>
        ))}
      </select>
    );
  } else if (f.kind === 'boolean') {
    input = (
      <select {...common} value={value === true ? 'yes' : value === false ? 'no' : ''} onChange={(e) => onChange(e.target.value === 'yes' ? true : e.target.value === 'no' ? false : info.nullable ? null : false)}>
        {info.nullable && <option value="">Unknown</option>}
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    );
  } else if (f.kind === 'number') {
    input = (
      <input
        {...common}
        type="number"
        step={f.integer ? 1 : 'any'}
        min={f.min}
        max={f.max}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? (info.nullable ? null : 0) : Number(e.target.value))}
      />
    );
  } else if (f.kind === 'string' && f.format === 'date') {
    input = <input {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? (info.nullable ? null : '') : e.target.value)} />;
  } else if (f.kind === 'string' && f.long) {
    input = <textarea {...common} rows={3} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
  } else if (f.kind === 'string') {
    input = <input {...common} type="text" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
  } else {
    input = <code>{JSON.stringify(value)}</code>;
  }
  return (
    <label className={`field${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {input}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

/** An object with every field at its empty value, for "+ Add". */
export function objectDefaults(shape: Record<string, z.ZodType>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape)) {
    if (k === 'id') continue; // assigned by the server
    const info = describeField(s);
    out[k] = info.field.kind === 'object' && !info.nullable && info.empty !== null && typeof info.empty === 'object' && Object.keys(info.empty as object).length === 0 ? objectDefaults(info.field.shape) : info.empty;
  }
  return out;
}

import type { z } from 'zod';
import { fieldLabelOf, fieldTitle, itemTitle, labelKey, valueLabelOf, type LinkedStudy } from '../../records';
import { describeField } from './schemaIntrospection';
import { choicesFor, valueOfChoice } from './fieldChoices';
import { objectDefaults } from './objectDefaults';
import { NumberField } from '../NumberField';
import { EcogButtons, KarnofskySelect } from './ScaleInputs';
import { DateField } from './DateField';
import { LinkedStudyUid, StudyPicker } from './StudyInputs';

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
  /** The linked study this field belongs to, for its UID line. */
  study?: Partial<LinkedStudy>;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/**
 * One field of a record form, rendered from its zod schema: selects for enumerations and
 * yes/no (with an explicit "—" when nothing is stored), number and date inputs, fieldsets for sections and repeatable rows for
 * lists. The same schema validates on the server, so the form cannot drift from it. Labels,
 * units and option names come from the case label table; ECOG, Karnofsky and the study a
 * lesion is seen on get the inputs a clinician expects instead of a bare number or UID.
 */
export function SchemaField({ schema, value, onChange, path, label, errors, renderComputed, study }: Props) {
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
          <SchemaField key={k} schema={s} value={obj[k]} onChange={(v) => onChange({ ...obj, [k]: v })} path={`${path}.${k}`} label={fieldTitle(`${path}.${k}`)} errors={errors} renderComputed={renderComputed} study={labelKey(path) === 'linkedStudies' ? (obj as Partial<LinkedStudy>) : undefined} />
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
            <SchemaField schema={f.element} value={item} onChange={(v) => onChange(list.map((x, j) => (j === i ? v : x)))} path={`${path}.${i}`} label={itemTitle(path, i)} errors={errors} renderComputed={renderComputed} />
            <button type="button" className="small link" onClick={() => onChange(list.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="small" data-add={path} onClick={() => onChange([...list, el.field.kind === 'object' ? objectDefaults(el.field.shape) : el.empty])}>
          + Add {(fieldLabelOf(path).item ?? 'entry').toLowerCase()}
        </button>
        {error && <div className="field-error">{error}</div>}
      </fieldset>
    );
  }
  let input: React.ReactNode;
  const special = labelKey(path);
  const invalid = !!error;
  if (special === 'performance.ecog') {
    input = <EcogButtons path={path} value={value} onChange={onChange} invalid={invalid} />;
  } else if (special === 'performance.karnofsky') {
    input = <KarnofskySelect path={path} value={value} onChange={onChange} invalid={invalid} />;
  } else if (special === 'lesions.studyInstanceUID') {
    input = <StudyPicker path={path} value={value} onChange={onChange} invalid={invalid} />;
  } else if (special === 'linkedStudies.studyInstanceUID' && study) {
    input = <LinkedStudyUid path={path} value={value} onChange={onChange} invalid={invalid} study={study} />;
  } else if (f.kind === 'enum' || f.kind === 'boolean') {
    const { options, selected } = choicesFor(info, value, (o) => valueLabelOf(path, o));
    input = (
      <select {...common} value={selected} onChange={(e) => onChange(valueOfChoice(info, e.target.value))}>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (f.kind === 'number') {
    input = (
      <NumberField
        {...common}
        value={typeof value === 'number' ? value : null}
        rule={{ required: !info.nullable && !info.optional, min: f.min, max: f.max, integer: f.integer, label: fieldLabelOf(path).label }}
        onCommit={(v) => onChange(v === null ? (info.nullable ? null : undefined) : v)}
      />
    );
  } else if (f.kind === 'string' && f.format === 'date') {
    input = <DateField path={path} value={value} invalid={invalid} title={info.description} onCommit={(v) => onChange(v === '' ? (info.nullable ? null : info.optional ? undefined : '') : v)} />;
  } else if (f.kind === 'string' && f.long) {
    input = <textarea {...common} rows={3} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
  } else if (f.kind === 'string') {
    input = <input {...common} type="text" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
  } else {
    input = <code>{JSON.stringify(value)}</code>;
  }
  // A label element would pass a click on its text to the first button inside (ECOG 0, "Change").
  const Wrapper = special === 'performance.ecog' || special === 'linkedStudies.studyInstanceUID' ? 'div' : 'label';
  return (
    <Wrapper className={`field${error ? ' invalid' : ''}${Wrapper === 'div' ? ' wide' : ''}`}>
      <span>{label}</span>
      {input}
      {error && <span className="field-error">{error}</span>}
    </Wrapper>
  );
}

import type { FieldInfo } from './schemaIntrospection';
import { humanize } from './schemaIntrospection';

/** One option of a select. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  /** The empty choice of a field that must be set: shown while nothing is stored, not choosable. */
  readonly disabled?: boolean;
}

/** The value of the empty "—" choice. */
export const EMPTY_CHOICE = '';

/**
 * The options of a select for an enumeration or a yes/no field, and the one selected. A value
 * that is not set selects an explicit "—", so the form never shows a first option that is not
 * recorded (a browser shows a select's first option when no option matches its value).
 * `labelOf` names an option (the case form passes the label table's words).
 */
export function choicesFor(info: FieldInfo, value: unknown, labelOf: (option: string) => string = humanize): { options: Choice[]; selected: string } {
  const f = info.field;
  let options: Choice[];
  let selected = EMPTY_CHOICE;
  if (f.kind === 'boolean') {
    options = [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ];
    if (value === true) selected = 'yes';
    if (value === false) selected = 'no';
  } else if (f.kind === 'enum') {
    options = f.options.map((o) => ({ value: o, label: labelOf(o) }));
    if (typeof value === 'string' && f.options.includes(value)) selected = value;
  } else {
    return { options: [], selected };
  }
  const canBeEmpty = info.nullable || info.optional;
  if (canBeEmpty || selected === EMPTY_CHOICE) options = [{ value: EMPTY_CHOICE, label: '—', disabled: !canBeEmpty }, ...options];
  return { options, selected };
}

/** The value stored for a chosen option: "—" is null or absent, as the schema allows. */
export function valueOfChoice(info: FieldInfo, choice: string): unknown {
  if (choice === EMPTY_CHOICE) return info.nullable ? null : undefined;
  if (info.field.kind === 'boolean') return choice === 'yes';
  return choice;
}

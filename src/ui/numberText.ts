/** What a number input accepts. */
export interface NumberRule {
  /** Empty is refused (with a message) instead of meaning "not set". */
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** Named in the refusal, e.g. "Leak limit". */
  readonly label?: string;
}

/** A number input's text read: a value to commit (null = not set), or why it is refused. */
export type NumberEntry = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly message: string };

/**
 * Reads what a person typed in a number field. Empty is "not set" (null) for an optional
 * field and refused for a required one: never a silent 0.
 */
export function readNumberText(text: string, rule: NumberRule): NumberEntry {
  const what = rule.label ? `${rule.label}: ` : '';
  const t = text.trim();
  if (t === '') return rule.required ? { ok: false, message: `${what}enter a number (empty is not a value)` } : { ok: true, value: null };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, message: `${what}"${t}" is not a number` };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, message: `${what}a whole number` };
  if (rule.min !== undefined && value < rule.min) return { ok: false, message: `${what}at least ${rule.min}` };
  if (rule.max !== undefined && value > rule.max) return { ok: false, message: `${what}at most ${rule.max}` };
  return { ok: true, value };
}

/** The text a number field shows for a stored value. */
export const numberTextOf = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '' : String(v));

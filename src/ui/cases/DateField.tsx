import { useEffect, useState } from 'react';

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

interface Props {
  readonly path: string;
  readonly value: unknown;
  /** Called with a valid date, or '' when the text is cleared. */
  readonly onCommit: (v: string) => void;
  readonly invalid: boolean;
  readonly title?: string;
}

/**
 * A date typed as YYYY-MM-DD, the form the rest of the app shows: a browser date input would
 * show the computer's locale (12/07/2026) instead. Only a real date is stored; anything else
 * stays in the box with the reason until it is fixed or left.
 */
export function DateField({ path, value, onCommit, invalid, title }: Props) {
  const stored = typeof value === 'string' ? value : '';
  const [text, setText] = useState(stored);
  useEffect(() => setText((t) => (t === stored ? t : stored)), [stored]);
  const refused = text !== '' && !isIsoDate(text);
  return (
    <>
      <input
        type="text"
        inputMode="numeric"
        className="date-input"
        placeholder="YYYY-MM-DD"
        data-path={path}
        title={title}
        aria-invalid={invalid || refused || undefined}
        value={text}
        onChange={(e) => {
          const t = e.target.value.trim();
          setText(t);
          if ((t === '' || isIsoDate(t)) && t !== stored) onCommit(t);
        }}
        onBlur={() => {
          if (refused) setText(stored);
        }}
      />
      {refused && <span className="field-error" role="alert">Write the date as YYYY-MM-DD</span>}
    </>
  );
}

import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { numberTextOf, readNumberText, type NumberRule } from './numberText';

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max' | 'required'> & { [data: `data-${string}`]: string | undefined };

/**
 * A number input that keeps what is typed while it is typed and commits only a valid number;
 * empty commits null when the field is optional and is refused, with the reason shown, when
 * it is required. The stored value is never a number the user did not type.
 */
export function NumberField({ value, onCommit, rule, ...input }: { value: number | null | undefined; onCommit: (v: number | null) => void; rule: NumberRule } & Passed) {
  const [text, setText] = useState(numberTextOf(value));
  const [refusal, setRefusal] = useState<string | undefined>();
  // Follow the stored value when it changes from elsewhere (undo, another selection), unless it is what the text says.
  useEffect(() => {
    setText((t) => {
      const r = readNumberText(t, rule);
      return r.ok && r.value === (value ?? null) ? t : numberTextOf(value);
    });
    setRefusal(undefined);
    // Only the value: the rule is a literal in most callers, and following it would reset the text on every render.
  }, [value]);
  return (
    <>
      <input
        {...input}
        type="number"
        min={rule.min}
        max={rule.max}
        step={input.step ?? (rule.integer ? 1 : 'any')}
        value={text}
        aria-invalid={refusal ? true : input['aria-invalid']}
        onChange={(e) => {
          setText(e.target.value);
          // A number input reads "" while its text is not a number yet ("-", "1e"): that is not "empty".
          const r = e.target.validity.badInput ? ({ ok: false, message: `${rule.label ? `${rule.label}: ` : ''}not a number` } as const) : readNumberText(e.target.value, rule);
          setRefusal(r.ok ? undefined : r.message);
          if (r.ok && r.value !== (value ?? null)) onCommit(r.value);
        }}
        onBlur={() => {
          // Leaving a refused field shows the stored value again (the message said why).
          if (refusal) {
            setText(numberTextOf(value));
            setRefusal(undefined);
          }
        }}
      />
      {refusal && (
        <span className="field-error" role="alert" data-testid="number-refusal">
          {refusal}
        </span>
      )}
    </>
  );
}

import { ECOG_LABELS, KARNOFSKY_LABELS } from '../../records';

interface ScaleProps {
  readonly path: string;
  readonly value: unknown;
  readonly onChange: (v: number | null) => void;
  readonly invalid: boolean;
}

/** The six ECOG grades as buttons, each with its meaning on hover and the chosen one spelled out below. */
export function EcogButtons({ path, value, onChange, invalid }: ScaleProps) {
  const chosen = typeof value === 'number' ? value : null;
  return (
    <span className="scale-input">
      <span className="scale-buttons" role="radiogroup" data-path={path} aria-invalid={invalid || undefined}>
        {ECOG_LABELS.map((meaning, grade) => (
          <button
            key={grade}
            type="button"
            role="radio"
            aria-checked={chosen === grade}
            className={chosen === grade ? 'scale-button chosen' : 'scale-button'}
            data-value={grade}
            title={`ECOG ${grade}: ${meaning}`}
            onClick={() => onChange(chosen === grade ? null : grade)}
          >
            {grade}
          </button>
        ))}
      </span>
      <span className="scale-meaning">{chosen === null ? 'Not assessed (click a grade; click it again to clear)' : ECOG_LABELS[chosen]}</span>
    </span>
  );
}

/** Karnofsky levels, 100 to 0. */
const KARNOFSKY_STEPS = Array.from({ length: 11 }, (_, i) => 100 - i * 10);

/** Karnofsky as a choice of the eleven levels in steps of 10, each with its meaning. */
export function KarnofskySelect({ path, value, onChange, invalid }: ScaleProps) {
  const chosen = typeof value === 'number' ? String(value) : '';
  return (
    <select data-path={path} aria-invalid={invalid || undefined} value={chosen} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
      <option value="">—</option>
      {KARNOFSKY_STEPS.map((k) => (
        <option key={k} value={String(k)}>
          {k}% · {KARNOFSKY_LABELS[k]}
        </option>
      ))}
    </select>
  );
}

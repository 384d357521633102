import { useState } from 'react';
import './planPanel.css';

/**
 * A name shown as text with a rename button (unless `button` is false, as in a list row); the
 * button or a double click on the name turns it into a field: Enter or leaving the field keeps the new name, Escape keeps the old one.
 * A long name ends in an ellipsis and shows whole in its tooltip.
 */
export function InlineName({ value, placeholder, onCommit, testId, what, maxLength = 200, button = true }: { value: string; placeholder: string; onCommit: (name: string) => void; testId: string; what: string; maxLength?: number; button?: boolean }) {
  const [editing, setEditing] = useState<string | undefined>();
  const commit = (): void => {
    const next = editing?.trim();
    setEditing(undefined);
    if (next && next !== value) onCommit(next);
  };
  if (editing !== undefined)
    return (
      <input
        className="name inline-name-input"
        data-testid={`${testId}-input`}
        aria-label={`Name of the ${what}`}
        autoFocus
        maxLength={maxLength}
        value={editing}
        onChange={(e) => setEditing(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape') setEditing(undefined);
        }}
        onBlur={commit}
        onClick={(e) => e.stopPropagation()}
      />
    );
  return (
    <span className="inline-name">
      <span className="inline-name-text" data-testid={testId} title={`${value || placeholder}\nDouble-click to rename`} onDoubleClick={(e) => (e.stopPropagation(), setEditing(value))}>
        {value || <span className="muted">{placeholder}</span>}
      </span>
      {button && (
        <button className="small inline-name-edit" data-testid={`${testId}-rename`} title={`Rename the ${what}`} aria-label={`Rename the ${what}`} onClick={(e) => (e.stopPropagation(), setEditing(value))}>
          ✎
        </button>
      )}
    </span>
  );
}

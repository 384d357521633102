import { useEffect, useRef, useState } from 'react';
import type { KeyImagePurpose } from '../../records';
import './keyImages.css';

/** A case a key image can be attached to. */
export interface KeyImageCaseChoice {
  readonly id: string;
  readonly label: string;
}

interface Props {
  /** The cases to attach to; the first is the default (the open plan's case). */
  cases: readonly KeyImageCaseChoice[];
  /** Why no case can be offered (still loading, none linked), shown instead of the save. */
  noCaseReason: string | undefined;
  /** What the view is ("Axial · Im 42/96 · W 400 / L 40 HU") and any warning (unsaved plan edits). */
  facts: readonly string[];
  saving: boolean;
  error: string | undefined;
  onSave: (input: { caption: string; purpose: KeyImagePurpose; caseId: string }) => void;
  onClose: () => void;
}

const MAX_CAPTION = 200;

/** The "Key image" dialog: caption (required, ≤ 200 characters), purpose and case; Enter saves, Esc closes. */
export function KeyImageDialog({ cases, noCaseReason, facts, saving, error, onSave, onClose }: Props) {
  const [caption, setCaption] = useState('');
  const [purpose, setPurpose] = useState<KeyImagePurpose>('board');
  const [caseId, setCaseId] = useState(cases[0]?.id ?? '');
  const captionRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => captionRef.current?.focus(), []);
  useEffect(() => {
    if (!cases.some((c) => c.id === caseId) && cases[0]) setCaseId(cases[0].id);
  }, [cases, caseId]);

  const trimmed = caption.trim();
  const why = noCaseReason ?? (!trimmed ? 'Write a caption first' : trimmed.length > MAX_CAPTION ? `The caption is ${trimmed.length} characters; at most ${MAX_CAPTION}` : undefined);
  const save = (): void => {
    if (!why && !saving) onSave({ caption: trimmed, purpose, caseId });
  };
  return (
    <div className="modal-backdrop" onClick={() => !saving && onClose()}>
      <div
        className="modal key-image-dialog"
        role="dialog"
        aria-label="Save a key image"
        data-testid="key-image-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // The study view's shortcuts must not act on keys typed here.
          e.stopPropagation();
          if (e.key === 'Escape' && !saving) onClose();
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            save();
          }
        }}
      >
        <h2>Key image</h2>
        {facts.map((f) => (
          <p key={f} className="facts">{f}</p>
        ))}
        <label>
          Caption ({trimmed.length}/{MAX_CAPTION})
          <textarea ref={captionRef} data-testid="key-image-caption" maxLength={MAX_CAPTION + 50} value={caption} onChange={(e) => setCaption(e.target.value)} placeholder="e.g. Lytic lesion of the right iliac wing, planned cryoprobe path" />
        </label>
        <label>
          Purpose
          <select data-testid="key-image-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as KeyImagePurpose)}>
            <option value="board">Tumour board</option>
            <option value="teaching">Teaching</option>
          </select>
        </label>
        {noCaseReason ? (
          <p className="error-text" data-testid="key-image-no-case">{noCaseReason}</p>
        ) : (
          <label>
            Case
            <select data-testid="key-image-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              {cases.map((c) => (
                <option key={c.id} value={c.id}>{c.label}</option>
              ))}
            </select>
          </label>
        )}
        {error && <p className="error-text" data-testid="key-image-error">{error}</p>}
        <div className="row">
          <button onClick={onClose} disabled={saving}>Cancel</button>
          {!noCaseReason && (
            <button className="primary" data-testid="key-image-save" disabled={!!why || saving} title={why ?? 'Save the view with its picture to the case (Enter)'} onClick={save}>
              {saving ? 'Saving key image…' : 'Save key image'}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

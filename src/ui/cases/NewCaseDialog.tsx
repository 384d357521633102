import { useState } from 'react';
import { fieldLabelOf, painAssessmentSchema, TUMOUR_TYPES, tumourSchema, type CaseContent, type TumourType } from '../../records';

/** What a new case needs before it is worth saving. */
export interface NewCaseFields {
  readonly pseudonym: string;
  readonly pseudonymous: boolean;
  readonly mrn: string;
  readonly tumourType: TumourType | '';
  readonly targetSite: string;
}

/**
 * The case the server is asked to create from the dialog: the name, a hospital record number
 * as an "MRN" identifier when one is given, the tumour type, and the target site as the case title
 * (the short label the lists show) and as the site of maximal pain the meeting starts from.
 */
export function newCaseInput(f: NewCaseFields): Partial<CaseContent> {
  const mrn = f.mrn.trim();
  const site = f.targetSite.trim();
  return {
    title: site,
    patient: { pseudonym: f.pseudonym.trim(), pseudonymous: f.pseudonymous, sex: 'unknown', ageYears: null, birthYear: null, identifiers: mrn ? [{ system: 'MRN', value: mrn }] : [] },
    // The sections with their defaults filled in, as a stored case has them.
    tumour: tumourSchema.parse({ primary: f.tumourType === '' ? null : f.tumourType }),
    pain: painAssessmentSchema.parse({ maximalPainSite: site }),
  };
}

interface Props {
  /** Creates the case; resolves with a message when it was refused (the dialog stays open). */
  readonly onCreate: (input: Partial<CaseContent>) => Promise<string | undefined>;
  readonly onCancel: () => void;
}

/** "New case": asks for the few fields a case needs; nothing is saved until Create. */
export function NewCaseDialog({ onCreate, onCancel }: Props) {
  const [f, setF] = useState<NewCaseFields>({ pseudonym: '', pseudonymous: false, mrn: '', tumourType: '', targetSite: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const ready = f.pseudonym.trim() !== '' && f.targetSite.trim() !== '';
  const create = async (): Promise<void> => {
    if (!ready || busy) return;
    setBusy(true);
    const problem = await onCreate(newCaseInput(f));
    setBusy(false);
    setError(problem);
  };
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <form
        className="modal new-case-dialog"
        role="dialog"
        aria-label="New case"
        data-testid="new-case-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}
        onSubmit={(e) => { e.preventDefault(); void create(); }}
      >
        <h2>New case</h2>
        <label className="field">
          <span>Patient name or pseudonym (required)</span>
          <input autoFocus data-new="pseudonym" value={f.pseudonym} onChange={(e) => setF({ ...f, pseudonym: e.target.value })} />
        </label>
        <label className="field">
          <span>Hospital record number (MRN)</span>
          <input data-new="mrn" value={f.mrn} onChange={(e) => setF({ ...f, mrn: e.target.value })} />
        </label>
        <label>
          <input type="checkbox" data-new="pseudonymous" checked={f.pseudonymous} onChange={(e) => setF({ ...f, pseudonymous: e.target.checked })} /> The name is a pseudonym (teaching, demo)
        </label>
        <label className="field">
          <span>{fieldLabelOf('tumour.primary').label}</span>
          <select data-new="tumourType" value={f.tumourType} onChange={(e) => setF({ ...f, tumourType: e.target.value as TumourType | '' })}>
            <option value="">— not known yet</option>
            {Object.entries(TUMOUR_TYPES).map(([k, l]) => (
              <option key={k} value={k}>{l}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Target site (required), e.g. right acetabulum</span>
          <input data-new="targetSite" value={f.targetSite} onChange={(e) => setF({ ...f, targetSite: e.target.value })} />
        </label>
        {error && <div className="error-text" role="alert">{error}</div>}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel} data-testid="new-case-cancel">Cancel</button>
          <button type="submit" className="primary" disabled={!ready || busy} data-testid="new-case-create">{busy ? 'Creating…' : 'Create case'}</button>
        </div>
      </form>
    </div>
  );
}

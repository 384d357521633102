import { useState } from 'react';
import { valueLabelOf, type LinkedStudy } from '../../records';
import { useCaseForm } from './caseFormContext';

/** A study in words: its description, role and the end of its UID (enough to tell two apart). */
export function studyLine(s: Pick<LinkedStudy, 'studyInstanceUID' | 'description' | 'role'>): string {
  const role = s.role ? ` · ${valueLabelOf('linkedStudies.role', s.role)}` : '';
  return `${s.description || 'Study'}${role} · UID …${s.studyInstanceUID.slice(-10)}`;
}

interface Props {
  readonly path: string;
  readonly value: unknown;
  readonly onChange: (v: string | null) => void;
  readonly invalid: boolean;
}

/** The study where a lesion is best seen, chosen among the case's linked studies. */
export function StudyPicker({ path, value, onChange, invalid }: Props) {
  const { linkedStudies } = useCaseForm();
  const uid = typeof value === 'string' ? value : '';
  const known = linkedStudies.some((s) => s.studyInstanceUID === uid);
  return (
    <select data-path={path} aria-invalid={invalid || undefined} value={uid} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">{linkedStudies.length === 0 ? '— (link a study to the case first)' : '—'}</option>
      {linkedStudies.map((s) => (
        <option key={s.studyInstanceUID} value={s.studyInstanceUID}>
          {studyLine(s)}
        </option>
      ))}
      {uid && !known && <option value={uid}>Study …{uid.slice(-10)} (not linked to this case)</option>}
    </select>
  );
}

/**
 * A linked study's UID: once set, a readable line with a link to the viewer (the UID itself on
 * hover); while empty, the box to paste it into.
 */
export function LinkedStudyUid({ path, value, onChange, invalid, study }: Props & { readonly study: Partial<LinkedStudy> }) {
  const { open } = useCaseForm();
  const uid = typeof value === 'string' ? value : '';
  // A study added here is typed in; one already stored reads as a line (until Change is pressed).
  const [editing, setEditing] = useState(uid === '');
  if (uid && !invalid && !editing) {
    const href = `/studies/${uid}`;
    return (
      <span className="study-line" data-path={path} title={uid}>
        {studyLine({ studyInstanceUID: uid, description: study.description ?? '', role: study.role ?? null })}{' '}
        <a href={href} onClick={(e) => { if (open) { e.preventDefault(); open(href); } }}>Open in viewer</a>{' '}
        <button type="button" className="small link" onClick={() => setEditing(true)}>Change</button>
      </span>
    );
  }
  return <input type="text" data-path={path} aria-invalid={invalid || undefined} placeholder="Study Instance UID (digits and dots)" value={uid} onChange={(e) => onChange(e.target.value.trim())} onBlur={() => setEditing(uid === '')} />;
}

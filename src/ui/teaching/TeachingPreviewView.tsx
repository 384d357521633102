import { Fragment, useState } from 'react';
import type { TeachingFileChanges, TeachingPreview } from '../../records';
import { ACTION_WORDS, dateShiftText, groupPreviewFiles, sumCounts } from './teachingText';

const ACTION_NAMES: Readonly<Record<TeachingFileChanges['changes'][number]['action'], string>> = {
  X: 'removed',
  Z: 'emptied',
  D: 'replaced',
  U: 'UID replaced',
  C: 'cleaned / shifted',
  add: 'added',
};

function CountCells({ counts }: { counts: TeachingFileChanges['counts'] }) {
  return (
    <>
      {ACTION_WORDS.map(([k]) => (
        <td key={k} className={`num${counts[k] ? '' : ' muted'}`}>{counts[k]}</td>
      ))}
    </>
  );
}

/** One file's changes, shown on expand: the "before" of identifying values is shown to the attending here only. */
function ChangeList({ file }: { file: TeachingFileChanges }) {
  if (!file.changes.length) return <div className="muted small-text">No change listed.</div>;
  return (
    <table className="teach-changes" data-testid="teach-change-list">
      <thead><tr><th>Tag</th><th>Path</th><th>Action</th><th>Before → after</th><th>Reason</th></tr></thead>
      <tbody>
        {file.changes.map((c, i) => (
          <tr key={i} data-action={c.action}>
            <td className="mono">{c.tag}</td>
            <td className="mono">{c.path}</td>
            <td>{ACTION_NAMES[c.action]}</td>
            <td className="teach-before-after">
              <span className="teach-before">{c.before || '(empty)'}</span> → <span className="teach-after">{c.after === null ? '(removed)' : c.after || '(empty)'}</span>
            </td>
            <td className="muted">{c.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What making the teaching case will do, before anything is written: per study and per file the
 * counts of removed, emptied, replaced, UIDs, shifted and added attributes (a row expands to its
 * change list), the refused files in red with why, references left unresolved, the case record's
 * changes and the one date shift.
 */
export function TeachingPreviewView({ preview }: { preview: TeachingPreview }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string): void => {
    const next = new Set(open);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };
  const groups = groupPreviewFiles(preview);
  return (
    <div className="teach-preview" data-testid="teach-preview">
      <p className="teach-shift" data-testid="teach-date-shift">
        One shift for this patient: <b>{dateShiftText(preview.dateShiftDays)}</b>, in the images and in the case record alike (intervals stay true).
      </p>
      <p className="muted">
        {preview.files.length} files will be copied de-identified from {preview.studies.length} {preview.studies.length === 1 ? 'study' : 'studies'}
        {preview.plans.length ? `, with ${preview.plans.length} ${preview.plans.length === 1 ? 'plan' : 'plans'} (${preview.plans.map((p) => p.title || 'untitled').join(', ')})` : ', with no plan'}.
        Click a file to see its changes.
      </p>
      {preview.refused.length > 0 && (
        <div className="teach-refused" data-testid="teach-refused">
          <b>{preview.refused.length} {preview.refused.length === 1 ? 'file is' : 'files are'} refused and will not be copied:</b>
          <ul>{preview.refused.map((r) => <li key={r.name}><span className="mono">{r.name}</span>: {r.reason}</li>)}</ul>
        </div>
      )}
      <table className="studies teach-files" data-testid="teach-files">
        <thead>
          <tr>
            <th>File</th><th>Modality</th>
            {ACTION_WORDS.map(([k, w]) => <th key={k} className="num">{w}</th>)}
          </tr>
        </thead>
        {groups.map((g, gi) => (
          <tbody key={g.studyInstanceUID ?? `all-${gi}`}>
            <tr className="teach-study-row">
              <td colSpan={2}>
                <b>{g.description || 'Study'}</b> <span className="muted">· {g.files.length} files{g.studyInstanceUID ? ` · ${g.studyInstanceUID}` : ''}</span>
              </td>
              <CountCells counts={sumCounts(g.files)} />
            </tr>
            {g.files.map((f, fi) => {
              const key = `${gi}/${fi}`;
              const expanded = open.has(key);
              return (
                <Fragment key={key}>
                  <tr className="clickable teach-file-row" data-testid="teach-file-row" aria-expanded={expanded} onClick={() => toggle(key)}>
                    <td className="mono">{expanded ? '▾' : '▸'} {f.name}</td>
                    <td>{f.modality}</td>
                    <CountCells counts={f.counts} />
                  </tr>
                  {expanded && (
                    <tr><td colSpan={2 + ACTION_WORDS.length}><ChangeList file={f} /></td></tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        ))}
      </table>
      {preview.unresolvedReferences.length > 0 && (
        <div className="warn-text" data-testid="teach-unresolved">
          <b>References naming no file of the package</b>
          <ul>{preview.unresolvedReferences.map((r) => <li key={r} className="mono small-text">{r}</li>)}</ul>
        </div>
      )}
      <h3>Case record</h3>
      {preview.caseChanges.length === 0 ? (
        <p className="muted">No change to the case record.</p>
      ) : (
        <table className="teach-changes" data-testid="teach-case-changes">
          <thead><tr><th>Field</th><th>Action</th><th>Before → after</th></tr></thead>
          <tbody>
            {preview.caseChanges.map((c, i) => (
              <tr key={i}>
                <td className="mono">{c.path}</td>
                <td>{c.action}</td>
                <td className="teach-before-after"><span className="teach-before">{c.before || '(empty)'}</span> → <span className="teach-after">{c.after === null ? '(removed)' : c.after || '(empty)'}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

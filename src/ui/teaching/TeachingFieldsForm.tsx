import type { TeachingLevel } from '../../records';
import type { TeachingFieldsDraft } from './teachingText';

/** The three levels with the names TCE gives them. */
export const LEVELS: readonly (readonly [TeachingLevel, string])[] = [
  ['primary', 'Primary'],
  ['intermediate', 'Intermediate'],
  ['advanced', 'Advanced'],
];

/** The label of a level. */
export const levelLabel = (l: TeachingLevel): string => LEVELS.find(([k]) => k === l)?.[1] ?? l;

/**
 * The teaching fields of a case (title = the diagnosis, presentation, findings, discussion,
 * learning points one per line, level, tags). `readOnly` shows them as text (a trainee's view).
 */
export function TeachingFieldsForm({ draft, onChange, readOnly = false }: { draft: TeachingFieldsDraft; onChange: (d: TeachingFieldsDraft) => void; readOnly?: boolean }) {
  const set = <K extends keyof TeachingFieldsDraft>(k: K, v: TeachingFieldsDraft[K]): void => onChange({ ...draft, [k]: v });
  if (readOnly) {
    const points = draft.learningPointsText.split('\n').filter((l) => l.trim());
    return (
      <div className="teach-fields-read" data-testid="teach-fields-read">
        <h2 data-testid="teach-title">{draft.title || 'Untitled teaching case'}</h2>
        {draft.presentation && <p className="teach-presentation">{draft.presentation}</p>}
        <p className="muted">Level {levelLabel(draft.level)}{draft.tagsText ? ` · ${draft.tagsText}` : ''}</p>
        {draft.findings && <><h3>Findings</h3><p className="teach-prose">{draft.findings}</p></>}
        {draft.discussion && <><h3>Discussion</h3><p className="teach-prose">{draft.discussion}</p></>}
        {points.length > 0 && <><h3>Learning points</h3><ul>{points.map((p, i) => <li key={i}>{p}</li>)}</ul></>}
      </div>
    );
  }
  return (
    <div className="teach-fields">
      <label className="teach-wide">
        Title (the diagnosis)
        <input type="text" data-testid="teach-field-title" value={draft.title} maxLength={200} onChange={(e) => set('title', e.target.value)} placeholder="e.g. Renal cell carcinoma metastasis to the left acetabulum" />
      </label>
      <label className="teach-wide">
        Presentation (one line)
        <input type="text" data-testid="teach-field-presentation" value={draft.presentation} maxLength={200} onChange={(e) => set('presentation', e.target.value)} placeholder="e.g. 64-year-old, weight-bearing hip pain despite opioids" />
      </label>
      <label>
        Findings
        <textarea rows={4} data-testid="teach-field-findings" value={draft.findings} onChange={(e) => set('findings', e.target.value)} />
      </label>
      <label>
        Discussion
        <textarea rows={4} data-testid="teach-field-discussion" value={draft.discussion} onChange={(e) => set('discussion', e.target.value)} />
      </label>
      <label>
        Learning points (one per line)
        <textarea rows={4} data-testid="teach-field-points" value={draft.learningPointsText} onChange={(e) => set('learningPointsText', e.target.value)} />
      </label>
      <div className="teach-field-col">
        <label>
          Level
          <select data-testid="teach-field-level" value={draft.level} onChange={(e) => set('level', e.target.value as TeachingLevel)}>
            {LEVELS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
          </select>
        </label>
        <label>
          Tags (comma separated)
          <input type="text" data-testid="teach-field-tags" value={draft.tagsText} onChange={(e) => set('tagsText', e.target.value)} placeholder="spine, lytic, cryoablation" />
        </label>
      </div>
    </div>
  );
}

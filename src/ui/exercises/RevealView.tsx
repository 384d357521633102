import { EXPERT_COLOUR } from '../../imaging';
import type { ExerciseReveal } from '../../api/exercises';

/** The expert's answer after a submission: the legend of the overlay, the diagnosis, discussion and learning points. */
export function RevealView({ reveal, overlay = true }: { reveal: ExerciseReveal; overlay?: boolean }) {
  return (
    <div className="ex-reveal" data-testid="ex-reveal">
      {overlay && (
        <div className="ex-legend" data-testid="ex-expert-legend">
          <span className="ex-swatch" style={{ background: EXPERT_COLOUR }} /> Expert needles, read-only <span className="muted">(dashed where off the slice; yours in the usual colours)</span>
        </div>
      )}
      <h4>Diagnosis</h4>
      <p data-testid="ex-diagnosis">{reveal.diagnosis || '—'}</p>
      {reveal.findings && <><h4>Findings</h4><p>{reveal.findings}</p></>}
      {reveal.discussion && <><h4>Discussion</h4><p className="ex-prose">{reveal.discussion}</p></>}
      {reveal.learningPoints.length > 0 && (
        <>
          <h4>Learning points</h4>
          <ul>{reveal.learningPoints.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </>
      )}
    </div>
  );
}

import type { LoadProgress } from '../imaging';

const PHASE: Record<LoadProgress['phase'], string> = {
  headers: 'Reading images',
  pixels: 'Building the volume',
  ready: 'Ready',
  error: 'Loading failed',
};

/** Progress of the series being loaded; disappears when the volume is ready. */
export function LoadProgressBar({ progress }: { progress: LoadProgress }) {
  if (progress.phase === 'ready') return <div data-testid="load-ready" hidden />;
  const pct = progress.total ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <div className={`load-progress ${progress.phase}`} data-testid="load-progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div className="bar" style={{ width: `${pct}%` }} />
      <span>
        {PHASE[progress.phase]}
        {progress.phase === 'error' ? `: ${progress.message ?? ''}` : ` — ${progress.done} / ${progress.total} (${pct}%)`}
      </span>
    </div>
  );
}

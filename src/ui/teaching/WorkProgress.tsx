import { useEffect, useState } from 'react';

/**
 * Progress of one long request the server answers only at the end (de-identifying every file of
 * a series, importing a zip): a moving bar, what is being done and the seconds so far, so the
 * user can tell a slow server from a stuck page.
 */
export function WorkProgress({ label, testId }: { label: string; testId?: string }) {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const s = Math.floor((now - started) / 1000);
  return (
    <div className="teach-progress" role="progressbar" aria-label={label} data-testid={testId}>
      <div className="teach-progress-bar"><div /></div>
      <span>{label} · {s} s</span>
    </div>
  );
}

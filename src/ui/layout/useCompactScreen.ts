import { useEffect, useState } from 'react';

/**
 * Below this window width the cursor and measurement column folds into the right-hand panel so the
 * views get its 200 px: at 1280 px the side columns (series 180, cursor 200, plan 340) left the views 44 %.
 */
export const COMPACT_MAX_WIDTH_PX = 1499;
const QUERY = `(max-width: ${COMPACT_MAX_WIDTH_PX}px)`;

/** Whether the window is narrow enough for the compact study layout; follows resizes. */
export function useCompactScreen(): boolean {
  const [compact, setCompact] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(QUERY);
    const onChange = (): void => setCompact(mq.matches);
    onChange();
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return compact;
}
